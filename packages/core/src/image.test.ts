import { imageText, toSafeImageSrc, type ImageRefusalReason } from './image';

// A 1×1 transparent PNG, and its base64.
const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';

function refusal(input: unknown): { reason: ImageRefusalReason; message: string } {
  const result = toSafeImageSrc(input);
  if (result.ok) throw new Error(`expected a refusal, got ${result.src.slice(0, 60)}`);
  return { reason: result.reason, message: result.message };
}

describe('toSafeImageSrc accepts', () => {
  it.each(['png', 'jpeg', 'gif', 'webp', 'svg+xml'])('a base64 data:image/%s URI', (type) => {
    expect(toSafeImageSrc(`data:image/${type};base64,${PNG}`)).toEqual({ ok: true, src: `data:image/${type};base64,${PNG}` });
  });

  it('a data URI with an upper-case scheme and type, and extra parameters, normalized', () => {
    expect(toSafeImageSrc(`DATA:Image/PNG;name=pin.png;BASE64,${PNG}`)).toEqual({ ok: true, src: `data:image/png;base64,${PNG}` });
  });

  it('base64 broken over lines, as encoders often write it, with the line breaks removed', () => {
    const wrapped = `${PNG.slice(0, 40)}\r\n${PNG.slice(40, 80)}\n${PNG.slice(80)}`;
    expect(toSafeImageSrc(`data:image/png;base64,${wrapped}`)).toEqual({ ok: true, src: `data:image/png;base64,${PNG}` });
  });

  it('unpadded base64, with its padding restored', () => {
    expect(toSafeImageSrc('data:image/gif;base64,R0lGODlhAQABAAAAACw')).toEqual({
      ok: true,
      src: 'data:image/gif;base64,R0lGODlhAQABAAAAACw=',
    });
  });

  it('an https URL, as URL.href', () => {
    expect(toSafeImageSrc('https://bank.example/captcha.png?id=7')).toEqual({
      ok: true,
      src: 'https://bank.example/captcha.png?id=7',
    });
    expect(toSafeImageSrc('  HTTPS://Bank.Example/a b.png ')).toEqual({ ok: true, src: 'https://bank.example/a%20b.png' });
  });

  it('bare base64, read as PNG', () => {
    expect(toSafeImageSrc(PNG)).toEqual({ ok: true, src: `data:image/png;base64,${PNG}` });
  });

  it('the older {source, html} object, using source and ignoring a malicious html', () => {
    const result = toSafeImageSrc({ source: PNG, html: '<img src=x onerror="alert(document.cookie)">' });
    expect(result).toEqual({ ok: true, src: `data:image/png;base64,${PNG}` });
    expect(JSON.stringify(result)).not.toContain('onerror');
  });

  it('a {source} object holding an https URL', () => {
    expect(toSafeImageSrc({ source: 'https://bank.example/c.png', html: '<script>alert(1)</script>' })).toEqual({
      ok: true,
      src: 'https://bank.example/c.png',
    });
  });

  it('a large image, scanning it once', () => {
    // 3 MB of base64 in one string: a quadratic check would still finish, but this documents
    // that size alone is no reason to refuse.
    const big = 'QUJD'.repeat(750_000);
    expect(toSafeImageSrc(`data:image/png;base64,${big}`)).toEqual({ ok: true, src: `data:image/png;base64,${big}` });
  });
});

describe('toSafeImageSrc refuses', () => {
  it.each([
    ['javascript:', 'javascript:alert(1)', 'unsafe_scheme'],
    ['JavaScript: with spaces around', '  JavaScript:alert(1)', 'unsafe_scheme'],
    ['vbscript:', 'vbscript:msgbox(1)', 'unsafe_scheme'],
    ['file:', 'file:///etc/passwd', 'unsafe_scheme'],
    ['blob:', 'blob:https://bank.example/uuid', 'unsafe_scheme'],
    ['http:', 'http://bank.example/captcha.png', 'insecure_url'],
    ['data:text/html', 'data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==', 'unsupported_type'],
    ['data:image/bmp', `data:image/bmp;base64,${PNG}`, 'unsupported_type'],
    ['a data URI without a type', `data:;base64,${PNG}`, 'unsupported_type'],
    ['a non-base64 data URI', 'data:image/svg+xml,<svg onload="alert(1)"/>', 'unsupported_type'],
    ['a percent-encoded data URI', 'data:image/svg+xml;utf8,%3Csvg%3E', 'unsupported_type'],
    ['a data URI with no comma', 'data:image/png;base64', 'invalid'],
    ['a data URI with characters outside base64', 'data:image/png;base64,iVBOR<script>', 'malformed_base64'],
    ['a data URI with URL-safe base64', 'data:image/png;base64,iVBO-w0K_go=', 'malformed_base64'],
    ['a data URI with padding in the middle', 'data:image/png;base64,iV==BORw', 'malformed_base64'],
    ['a data URI with three padding characters', 'data:image/png;base64,iV===', 'malformed_base64'],
    ['a data URI with a length that leaves one character over', 'data:image/png;base64,iVBORw0KG', 'malformed_base64'],
    ['a data URI with padding on a length that is not a multiple of four', 'data:image/png;base64,iVBOR=', 'malformed_base64'],
    ['an empty data URI', 'data:image/png;base64,', 'malformed_base64'],
    ['bare text that is not base64', 'not an image!', 'malformed_base64'],
    ['a relative URL', '/images/captcha.png?x=1', 'malformed_base64'],
    ['a protocol-relative URL', '//evil.example/x.png', 'malformed_base64'],
    ['a scheme hidden by a tab', 'java\tscript:alert(1)', 'malformed_base64'],
    ['an https URL that does not parse', 'https://', 'invalid'],
    ['an empty string', '', 'invalid'],
    ['whitespace', ' \n ', 'invalid'],
  ])('%s', (_case, input, reason) => {
    const refused = refusal(input);
    expect(refused.reason).toBe(reason);
    expect(refused.message.length).toBeGreaterThan(0);
  });

  it.each([
    ['null', null],
    ['undefined', undefined],
    ['a number', 42],
    ['an array', [PNG]],
    ['an object without source', { html: '<img src=x onerror=alert(1)>' }],
    ['an object whose source is not a string', { source: { source: PNG } }],
    ['a URL object', new URL('https://bank.example/c.png')],
  ])('%s as invalid', (_case, input) => {
    expect(refusal(input).reason).toBe('invalid');
  });

  it('a {source, html} object whose source is unsafe, whatever its html', () => {
    expect(refusal({ source: 'javascript:alert(1)', html: `<img src="data:image/png;base64,${PNG}">` }).reason).toBe(
      'unsafe_scheme',
    );
  });

  it('a long run of base64 characters that ends badly', () => {
    expect(refusal(`${'A'.repeat(1_000_000)}!`).reason).toBe('malformed_base64');
    expect(refusal(`data:image/png;base64,${'A'.repeat(1_000_001)}`).reason).toBe('malformed_base64');
  });

  it('without repeating the input in its message', () => {
    const { message } = refusal('javascript:alert("SECRET")');
    expect(message).not.toContain('SECRET');
    expect(refusal(`${'x'.repeat(100)}:alert(1)`).message).not.toContain('xxxxxxxx');
  });
});

describe('imageText', () => {
  const svg = (body: string) => `data:image/svg+xml;base64,${btoa(`<svg xmlns="http://www.w3.org/2000/svg">${body}</svg>`)}`;
  it('reads an SVG title, else its aria-label, else its desc', () => {
    expect(imageText(svg('<title>star</title><circle r="1"/>'))).toBe('star');
    expect(imageText(svg('<desc>a red  circle</desc>'))).toBe('a red circle');
    expect(imageText(`data:image/svg+xml;base64,${btoa('<svg aria-label="moon &amp; stars"></svg>')}`)).toBe('moon & stars');
  });

  it('reads the alt of the older {source, html} form as text, never rendering it', () => {
    expect(imageText({ source: 'https://bank.example/a.png', html: '<img src=x alt="the dog" onerror=alert(1)>' })).toBe('the dog');
  });

  it('finds nothing in raster images, unsafe sources or empty titles', () => {
    expect(imageText('data:image/png;base64,iVBORw0KGgo=')).toBeNull();
    expect(imageText('javascript:alert(1)')).toBeNull();
    expect(imageText(svg('<title>  </title>'))).toBeNull();
    expect(imageText(42)).toBeNull();
  });
});
