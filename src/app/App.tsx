// Routes: the home page (my maps), one map, and the account pages (sign-in/setup, invite, members).
import { Route, Switch } from 'wouter';
import { HomePage } from './HomePage';
import { InvitePage } from './account/InvitePage';
import { MembersPage } from './account/MembersPage';
import { SignInPage } from './account/SignInPage';
import { MapPage } from './MapPage';
import { Toasts } from './Toasts';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { useT } from '../i18n';

export function App() {
  const t = useT();
  return (
    <>
      <Switch>
        <Route path="/">
          <HomePage />
        </Route>
        <Route path="/sign-in">
          <SignInPage />
        </Route>
        <Route path="/invite">
          <InvitePage />
        </Route>
        <Route path="/members">
          <MembersPage />
        </Route>
        <Route path="/map/:id">
          {(params) => (
            <ErrorBoundary
              fallback={(retry) => (
                <main className="page-message" role="alert">
                  <h1>{t('app.crashed')}</h1>
                  <p>{t('app.crashedHint')}</p>
                  <button type="button" onClick={retry}>
                    {t('app.retry')}
                  </button>
                </main>
              )}
            >
              <MapPage mapId={params.id} />
            </ErrorBoundary>
          )}
        </Route>
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
