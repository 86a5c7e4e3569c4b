import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app/App';
import { getLang } from './lib/i18n';
import './styles.css';

const root = document.getElementById('root');
if (!root) throw new Error('index.html must contain <div id="root">');
document.documentElement.lang = getLang();

createRoot(root).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
