'use client';

export type DemoLogin = { email: string; name: string; orgs: string };

/** The embedded demo's logins; "Use" fills the sign-in form. */
export function DemoPanel({ logins, password }: { logins: DemoLogin[]; password: string }) {
  function use(login: DemoLogin) {
    const email = document.getElementById('signin-email') as HTMLInputElement | null;
    const secret = document.getElementById('signin-password') as HTMLInputElement | null;
    if (!email || !secret) return;
    email.value = login.email;
    secret.value = password;
    secret.form?.querySelector<HTMLButtonElement>('button[type="submit"]')?.focus();
  }

  return (
    <aside className="card demo" aria-labelledby="demo-title" data-testid="demo-logins">
      <div>
        <h2 id="demo-title">Demo logins</h2>
        <p className="demo__password">
          This gateway runs on the embedded demo database. Every demo user’s password is <code>{password}</code>.
        </p>
      </div>
      <ul className="demo__list">
        {logins.map((login) => (
          <li key={login.email} className="demo__item">
            <span className="demo__who">
              <strong>{login.name}</strong>
              <span className="mono">{login.email}</span>
              <span>{login.orgs || 'No organization'}</span>
            </span>
            <button type="button" className="btn btn--secondary btn--small" onClick={() => use(login)}>
              Use
            </button>
          </li>
        ))}
      </ul>
    </aside>
  );
}
