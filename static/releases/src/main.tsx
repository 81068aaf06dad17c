import '@atlaskit/css-reset';
import './styles.css';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './App';
import { enableTheme } from './platform';
import { switchThemesWithoutFading } from './theme-switch';

// Follow Jira's light/dark theme; the page stays usable (light fallbacks) if the host refuses.
enableTheme().catch((error: unknown) => console.warn('Theming could not be enabled', error));
switchThemesWithoutFading();

const container = document.getElementById('root');
if (!container) throw new Error('index.html has no #root element');
createRoot(container).render(
  <StrictMode>
    <App />
  </StrictMode>,
);
