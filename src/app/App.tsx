// Routes: the home page (my maps) and one map.
import { Route, Switch } from 'wouter';
import { HomePage } from './HomePage';
import { MapPage } from './MapPage';
import { Toasts } from './Toasts';

export function App() {
  return (
    <>
      <Switch>
        <Route path="/">
          <HomePage />
        </Route>
        <Route path="/map/:id">{(params) => <MapPage mapId={params.id} />}</Route>
        <Route>
          <main className="page-message">
            <h1>Page not found</h1>
            <a href="/">Back to my maps</a>
          </main>
        </Route>
      </Switch>
      <Toasts />
    </>
  );
}
