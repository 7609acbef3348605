// Routes: the home page (my maps) and one map.
import { Route, Switch } from 'wouter';
import { HomePage } from './HomePage';
import { MapPage } from './MapPage';
import { Toasts } from './Toasts';
import { useT } from '../i18n';

export function App() {
  const t = useT();
  return (
    <>
      <Switch>
        <Route path="/">
          <HomePage />
        </Route>
        <Route path="/map/:id">{(params) => <MapPage mapId={params.id} />}</Route>
        <Route>
          <main className="page-message">
            <h1>{t('app.notFound')}</h1>
            <a href="/">{t('app.backHome')}</a>
          </main>
        </Route>
      </Switch>
      <Toasts />
    </>
  );
}
