// The single-customer view: search a customer id, see every contact in time order with its channel
// and the touchpoint it maps to (an operator's view before picking up the phone).
import { useState, type FormEvent } from 'react';
import { Loader2, Search, X } from 'lucide-react';
import type { JourneyNode } from '../../model';
import { useObserved } from '../../state/observed/observedStore';
import { useLanguage, useT } from '../../i18n';

export function CustomerSearch({ nodes }: { nodes: ReadonlyMap<string, JourneyNode> }) {
  const t = useT();
  const [query, setQuery] = useState('');
  const open = useObserved((state) => state.openCustomer);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void open(query);
  };
  return (
    <>
      <form className="observed-search" onSubmit={submit} role="search">
        <input
          value={query}
          onChange={(e) => setQuery(e.target.value)}
          aria-label={t('observed.customerSearch')}
          placeholder={t('observed.customerSearch')}
          maxLength={200}
          data-testid="observed-customer-input"
        />
        <button
          type="submit"
          disabled={!query.trim()}
          aria-label={t('observed.customerOpen')}
          title={t('observed.customerOpen')}
        >
          <Search size={14} aria-hidden />
        </button>
      </form>
      <CustomerTimeline nodes={nodes} />
    </>
  );
}

function CustomerTimeline({ nodes }: { nodes: ReadonlyMap<string, JourneyNode> }) {
  const t = useT();
  const language = useLanguage((state) => state.language);
  const customer = useObserved((state) => state.customer);
  const close = useObserved((state) => state.closeCustomer);
  if (!customer) return null;
  const { load } = customer;
  const when = new Intl.DateTimeFormat(language === 'it' ? 'it-IT' : 'en-GB', {
    dateStyle: 'medium',
    timeStyle: 'short',
    timeZone: 'UTC',
  });
  const channelName = (channel: string | null) => (channel ? (nodes.get(channel)?.label ?? channel) : '');
  return (
    <div
      className="observed-timeline"
      data-testid="observed-timeline"
      aria-label={t('observed.timelineOf', { customer: customer.id })}
      role="region"
    >
      <header>
        <strong>{t('observed.timelineOf', { customer: customer.id })}</strong>
        <button type="button" className="icon-button" aria-label={t('panel.close')} onClick={close}>
          <X size={14} aria-hidden />
        </button>
      </header>
      {load.status === 'loading' && (
        <p className="hint" aria-busy="true">
          <Loader2 size={13} className="spin" aria-hidden /> {t('observed.loading')}
        </p>
      )}
      {load.status === 'error' && (
        <p className="metric-error" role="alert">
          {load.notFound ? t('observed.customerUnknown', { customer: customer.id }) : load.message}
        </p>
      )}
      {load.status === 'ready' && (
        <ol className="observed-events">
          {load.data.events.map((event, i) => {
            const touchpoint = event.touchpoint ? nodes.get(event.touchpoint)?.label : null;
            return (
              <li key={i} data-testid="observed-timeline-event">
                <time dateTime={event.at}>{when.format(new Date(event.at))} UTC</time>
                <span className="observed-event-what">
                  {touchpoint ?? (
                    <span className="observed-unmapped-tag">
                      {t('observed.import.unmappedTag', { activity: event.activity ?? '?' })}
                    </span>
                  )}
                </span>
                {event.channel && <span className="observed-event-channel">{channelName(event.channel)}</span>}
                {Object.keys(event.attributes ?? {}).length > 0 && (
                  <span className="observed-event-attrs">
                    {Object.entries(event.attributes)
                      .map(([k, v]) => `${k}: ${v}`)
                      .join(' · ')}
                  </span>
                )}
              </li>
            );
          })}
        </ol>
      )}
    </div>
  );
}
