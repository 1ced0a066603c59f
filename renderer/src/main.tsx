import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { QabylDatabase } from './db/database';
import { connectToHost } from './host/hostClient';
import { initI18n, storedLanguage } from './i18n/i18n';
import './styles.css';

async function boot() {
  await initI18n();
  document.documentElement.lang = storedLanguage() ?? 'kk';
  const root = document.getElementById('root');
  if (!root) throw new Error('index.html has no #root');
  createRoot(root).render(
    <StrictMode>
      <App host={connectToHost()} openDatabase={(keys) => new QabylDatabase(keys)} />
    </StrictMode>,
  );
}

void boot();
