import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app.js';
import { bootstrap } from './auth/bootstrap.js';

const root = document.getElementById('root');
if (!root) throw new Error('index.html has no #root element');
// Started once, outside React: StrictMode's double effects must not redeem a sign-in code twice.
const boot = bootstrap();
createRoot(root).render(
  <StrictMode>
    <App boot={boot} />
  </StrictMode>,
);
