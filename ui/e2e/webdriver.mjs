// A minimal W3C WebDriver client over fetch: just what the end-to-end scenario needs, so the
// tests download no browser and pull in no WebDriver framework.
const ELEMENT = 'element-6066-11e4-a52e-4f735466cecf';

export class Session {
  constructor(base, id) {
    this.base = base;
    this.id = id;
  }

  static async start(base, capabilities) {
    const value = await request(base, 'POST', '/session', { capabilities: { alwaysMatch: capabilities } });
    return new Session(base, value.sessionId);
  }

  cmd(method, path, body) {
    return request(this.base, method, `/session/${this.id}${path}`, body);
  }

  async find(css) {
    const v = await this.cmd('POST', '/element', { using: 'css selector', value: css });
    return v[ELEMENT];
  }

  async findAll(css) {
    const v = await this.cmd('POST', '/elements', { using: 'css selector', value: css });
    return v.map((e) => e[ELEMENT]);
  }

  click(el) {
    return this.cmd('POST', `/element/${el}/click`, {});
  }

  text(el) {
    return this.cmd('GET', `/element/${el}/text`);
  }

  type(el, text) {
    return this.cmd('POST', `/element/${el}/value`, { text });
  }

  clear(el) {
    return this.cmd('POST', `/element/${el}/clear`, {});
  }

  exec(script, ...args) {
    return this.cmd('POST', '/execute/sync', { script, args });
  }

  /** Runs `script` with a callback as its last argument (WebDriver's execute/async). */
  execAsync(script, ...args) {
    return this.cmd('POST', '/execute/async', { script, args });
  }

  /** Scrolls the first match of `css` to the middle of the window (before a screenshot). */
  scrollTo(css) {
    return this.exec(`document.querySelector(arguments[0])?.scrollIntoView({ block: 'center' })`, css);
  }

  /** Waits a moment first: WebKit's snapshot can otherwise show the frame before the last DOM
   *  change. (Not requestAnimationFrame: with compositing off, WebKit may paint no frame when
   *  nothing changed, and the wait never ends.) */
  async screenshot() {
    await new Promise((r) => setTimeout(r, 250));
    return Buffer.from(await this.cmd('GET', '/screenshot'), 'base64');
  }

  /** Polls `probe` until it returns something truthy; errors inside count as "not yet". */
  async until(what, probe, timeoutMs = 20000) {
    const deadline = Date.now() + timeoutMs;
    let last;
    while (Date.now() < deadline) {
      try {
        const v = await probe();
        if (v) return v;
      } catch (e) {
        last = e;
      }
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error(`timed out waiting for ${what}${last ? `: ${last.message}` : ''}`);
  }

  /** The visible text of the first element matching `css`, once it has some. */
  textOf(css, timeoutMs) {
    return this.until(`text of ${css}`, async () => (await this.text(await this.find(css))).trim(), timeoutMs);
  }

  end() {
    return request(this.base, 'DELETE', `/session/${this.id}`);
  }
}

async function request(base, method, path, body) {
  if (process.env.WD_TRACE) console.log(`       ${method} ${path.replace(/^\/session\/[^/]+/, '')} ${body ? JSON.stringify(body).slice(0, 80) : ''}`);
  const res = await fetch(base + path, {
    method,
    headers: body ? { 'content-type': 'application/json' } : {},
    body: body ? JSON.stringify(body) : undefined,
    // A stuck driver must fail the step, not hang the suite.
    signal: AbortSignal.timeout(60000),
  });
  const json = await res.json().catch(() => ({}));
  if (!res.ok || (json.value && json.value.error)) {
    const v = json.value ?? {};
    throw new Error(`${method} ${path}: ${v.error ?? res.status} ${v.message ?? ''}`.trim());
  }
  return json.value;
}
