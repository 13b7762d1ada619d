import { DEV_TENANT_NAME } from '../defaults.js';

export interface SignInPerson {
  id: string;
  displayName: string;
  userPrincipalName: string;
  jobTitle: string | null;
  department: string | null;
  /** Persona role, for the fixed accounts listed first. */
  role?: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

function personButton(person: SignInPerson): string {
  const detail = [person.jobTitle, person.department].filter(Boolean).join(' · ');
  return `<button type="submit" name="user" value="${escapeHtml(person.id)}" class="person">
  <span class="name">${escapeHtml(person.displayName)}${person.role ? ` <span class="role">${escapeHtml(person.role)}</span>` : ''}</span>
  <span class="upn">${escapeHtml(person.userPrincipalName)}</span>
  <span class="detail">${escapeHtml(detail)}</span>
</button>`;
}

/**
 * The dev tenant's account picker: no passwords, pick who to be. Personas first; the search box filters the
 * whole directory through the JSON endpoint `peopleUrl`. Choosing a person posts the authorize request back.
 */
export function renderSignInPage(options: { action: string; peopleUrl: string; params: Record<string, string>; personas: SignInPerson[]; clientName: string }): string {
  const hidden = Object.entries(options.params)
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign in to your account · ${escapeHtml(DEV_TENANT_NAME)}</title>
<style>
  body { font-family: "Segoe UI", system-ui, sans-serif; background: #f2f2f2; margin: 0; color: #1b1b1b; }
  main { max-width: 440px; margin: 48px auto; background: #fff; padding: 32px 40px; box-shadow: 0 2px 6px rgba(0,0,0,.2); }
  h1 { font-size: 24px; font-weight: 600; margin: 8px 0 4px; }
  .tenant { color: #0067b8; font-weight: 600; font-size: 14px; }
  p.hint { font-size: 13px; color: #555; margin: 4px 0 16px; }
  input[type=search] { width: 100%; box-sizing: border-box; padding: 8px 4px; font-size: 15px; border: 0; border-bottom: 1px solid #666; outline: none; margin-bottom: 12px; }
  input[type=search]:focus { border-bottom-color: #0067b8; }
  h2 { font-size: 13px; text-transform: uppercase; letter-spacing: .04em; color: #666; margin: 16px 0 6px; }
  .person { display: block; width: 100%; text-align: left; background: none; border: 0; border-top: 1px solid #eee; padding: 10px 6px; cursor: pointer; font: inherit; }
  .person:hover, .person:focus { background: #f0f6fc; outline: none; }
  .name { display: block; font-weight: 600; }
  .role { font-weight: 400; font-size: 12px; color: #0067b8; border: 1px solid #0067b8; border-radius: 8px; padding: 0 6px; margin-left: 4px; }
  .upn, .detail { display: block; font-size: 13px; color: #555; }
  .empty { font-size: 13px; color: #777; padding: 8px 6px; }
</style></head>
<body><main>
<div class="tenant">${escapeHtml(DEV_TENANT_NAME)}</div>
<h1>Pick an account</h1>
<p class="hint">Dev tenant: no passwords. Continue to <strong>${escapeHtml(options.clientName)}</strong> as anyone in the directory.</p>
<form method="post" action="${escapeHtml(options.action)}">
${hidden}
<input type="search" id="search" placeholder="Search people by name, email, department…" autocomplete="off" aria-label="Search the directory">
<div id="results" aria-live="polite"></div>
<h2>Personas</h2>
${options.personas.map(personButton).join('\n')}
</form>
</main>
<script>
const results = document.getElementById('results');
const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
let timer;
const search = document.getElementById('search');
// Enter picks the first search result; with none shown it must not pick the first persona.
search.addEventListener('keydown', (event) => { if (event.key === 'Enter' && !results.querySelector('button')) event.preventDefault(); });
search.addEventListener('input', (event) => {
  clearTimeout(timer);
  const term = event.target.value.trim();
  if (!term) { results.innerHTML = ''; return; }
  timer = setTimeout(async () => {
    const response = await fetch(${JSON.stringify(options.peopleUrl)} + '?search=' + encodeURIComponent(term));
    const { value } = await response.json();
    results.innerHTML = value.length
      ? '<h2>Directory</h2>' + value.map((p) => '<button type="submit" name="user" class="person" value="' + esc(p.id) + '"><span class="name">' + esc(p.displayName) + '</span><span class="upn">' + esc(p.userPrincipalName) + '</span><span class="detail">' + esc([p.jobTitle, p.department].filter(Boolean).join(' · ')) + '</span></button>').join('')
      : '<div class="empty">No one matches “' + esc(term) + '”.</div>';
  }, 150);
});
</script>
</body></html>`;
}

/** The page Entra shows when it cannot send the user back to the app (bad client or redirect URI). */
export function renderErrorPage(aadsts: number, message: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Sign in error · ${escapeHtml(DEV_TENANT_NAME)}</title>
<style>body{font-family:"Segoe UI",system-ui,sans-serif;background:#f2f2f2}main{max-width:440px;margin:48px auto;background:#fff;padding:32px 40px}</style></head>
<body><main><h1>Sorry, but we’re having trouble signing you in.</h1><p><strong>AADSTS${aadsts}</strong>: ${escapeHtml(message)}</p></main></body></html>`;
}

/** response_mode=form_post: an auto-submitting form, as Entra answers. */
export function renderFormPost(redirectUri: string, fields: Record<string, string>): string {
  const inputs = Object.entries(fields).map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`).join('');
  return `<!doctype html><html><head><title>Working...</title></head><body onload="document.forms[0].submit()"><form method="POST" action="${escapeHtml(redirectUri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form></body></html>`;
}
