import { Link } from 'wouter';
import { useT } from '../i18n';

export function Brand() {
  const t = useT();
  return (
    <Link href="/" className="brand" aria-label={t('app.home')}>
      <img src="/favicon.svg" alt="" width={24} height={24} />
      <span>Percorso</span>
    </Link>
  );
}
