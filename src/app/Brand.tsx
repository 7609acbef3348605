import { Link } from 'wouter';

export function Brand() {
  return (
    <Link href="/" className="brand" aria-label="Percorso home">
      <img src="/favicon.svg" alt="" width={24} height={24} />
      <span>Percorso</span>
    </Link>
  );
}
