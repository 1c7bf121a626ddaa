import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { ApiProvider } from './api/api-context.js';
import { createClient, detectBridge } from './api/client.js';
import { App } from './app/App.js';
import './styles/app.css';

const root = createRoot(document.getElementById('root')!);
const bridge = detectBridge();
root.render(
  <StrictMode>
    {bridge ? (
      <ApiProvider client={createClient(bridge)}>
        <App />
      </ApiProvider>
    ) : (
      <main className="content">
        <div role="alert" className="alert alert--error">
          This page cannot reach the app. Open the link printed by <code>npm run preview</code>, or start the desktop app.
        </div>
      </main>
    )}
  </StrictMode>,
);
