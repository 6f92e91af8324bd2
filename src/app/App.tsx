import { BackendBadge } from '../features/backend/BackendBadge';

export function App() {
  return (
    <main style={{ fontFamily: 'system-ui, sans-serif', padding: 24, maxWidth: 1100, margin: '0 auto' }}>
      <header style={{ display: 'flex', justifyContent: 'space-between', alignItems: 'center' }}>
        <h1 style={{ margin: 0 }}>Cold-Start Lab</h1>
        <BackendBadge />
      </header>
      <p>
        Reproduce and extend multi-task learning for podcast ads and promotions (Verma et al., WSDM 2026). The
        experiment engine runs today from the command line (<code>npm run experiment</code>); the in-browser
        dashboard builds on it.
      </p>
    </main>
  );
}
