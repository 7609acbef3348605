// A fast picture of a DOM subtree as an SVG image (foreignObject), for maps of hundreds of nodes.
// html-to-image copies every computed style property onto every cloned element: for a 300-node map
// that was ~80 s and a 190 MB SVG in Chromium. Here the subtree is cloned as is and the page's own
// stylesheets go into the SVG once, so the browser styles the clone exactly as it styles the page.
// Ancestors are rebuilt as bare wrappers (same classes, so selectors and CSS variables of
// `.react-flow`, `.map-page`… still apply) with their layout neutralised.

const XHTML = 'http://www.w3.org/1999/xhtml';

export interface SnapshotOptions {
  width: number;
  height: number;
  /** Inline style for the cloned element (e.g. the transform that places the map). */
  style?: Partial<Record<'transform' | 'margin', string>>;
  /** Classes the ancestors' wrappers leave out (states of the live page, such as the canvas's level of detail). */
  dropAncestorClasses?: readonly string[];
  /** Changes the clone before it is drawn (its images and form state already copied). */
  clean?: (clone: HTMLElement) => void;
}

let cssCache: { sheets: number; text: string } | null = null;

/** Every rule of the page's same-origin stylesheets (cached until a sheet is added or removed). */
function pageCss(): string {
  const sheets = [...document.styleSheets];
  if (cssCache && cssCache.sheets === sheets.length) return cssCache.text;
  const text = sheets
    .map((sheet) => {
      try {
        return [...sheet.cssRules].map((rule) => rule.cssText).join('\n');
      } catch {
        return ''; // a cross-origin sheet cannot be read (we serve none)
      }
    })
    .join('\n');
  cssCache = { sheets: sheets.length, text };
  return text;
}

/** Images must be inside the SVG: a picture drawn as an image loads nothing from outside. */
function inlineImages(original: Element, clone: Element): void {
  const sources = original.querySelectorAll('img');
  const copies = clone.querySelectorAll('img');
  sources.forEach((img, i) => {
    const copy = copies[i];
    if (!copy) return;
    try {
      if (!img.complete || img.naturalWidth === 0) throw new Error('not loaded');
      const canvas = document.createElement('canvas');
      canvas.width = img.naturalWidth;
      canvas.height = img.naturalHeight;
      canvas.getContext('2d')?.drawImage(img, 0, 0);
      copy.setAttribute('src', canvas.toDataURL('image/png'));
    } catch {
      copy.removeAttribute('src'); // an image that cannot be copied is left blank, not broken
    }
  });
}

/** Form controls keep their state in properties, which cloneNode leaves behind: write it as attributes. */
function copyFormState(original: Element, clone: Element): void {
  const sources = original.querySelectorAll('input, select, textarea');
  const copies = clone.querySelectorAll('input, select, textarea');
  sources.forEach((control, i) => {
    const copy = copies[i];
    if (!copy) return;
    if (control instanceof HTMLSelectElement) {
      copy
        .querySelectorAll('option')
        .forEach((option, j) => option.toggleAttribute('selected', j === control.selectedIndex));
    } else if (control instanceof HTMLTextAreaElement) {
      copy.textContent = control.value;
    } else if (control instanceof HTMLInputElement) {
      copy.setAttribute('value', control.value);
      copy.toggleAttribute('checked', control.checked);
    }
  });
}

function stripSelection(root: Element): void {
  for (const element of [root, ...root.querySelectorAll('.selected, .is-selected')])
    element.classList.remove('selected', 'is-selected');
}

const NEUTRAL =
  ';position:static;display:block;inset:auto;width:auto;height:auto;margin:0;padding:0;border:0;overflow:visible;transform:none;background:transparent;box-shadow:none;opacity:1;filter:none;';

/** The element's ancestors as bare wrappers (outermost first), the clone inside the innermost. */
function wrapInAncestors(element: Element, clone: Element, dropClasses: readonly string[] = []): Element {
  let inner: Element = clone;
  for (
    let parent = element.parentElement;
    parent && parent !== document.body && parent !== document.documentElement;
    parent = parent.parentElement
  ) {
    const wrapper = parent.cloneNode(false) as Element;
    wrapper.removeAttribute('id');
    wrapper.classList.remove(...dropClasses);
    wrapper.setAttribute('style', (parent.getAttribute('style') ?? '') + NEUTRAL);
    wrapper.append(inner);
    inner = wrapper;
  }
  return inner;
}

function loadImage(src: string): Promise<HTMLImageElement> {
  return new Promise((resolve, reject) => {
    const image = new Image();
    image.onload = () => resolve(image);
    image.onerror = () => reject(new Error('the browser could not draw the map'));
    image.src = src;
  });
}

/** The copy of `element` that a picture draws: images inlined, form state copied, selection and `clean` applied. */
export function pictureClone(element: HTMLElement, clean?: (clone: HTMLElement) => void): HTMLElement {
  const clone = element.cloneNode(true) as HTMLElement;
  // images and form controls are paired with the original's by position: before anything is removed
  inlineImages(element, clone);
  copyFormState(element, clone);
  stripSelection(clone);
  clean?.(clone);
  return clone;
}

export async function snapshotImage(element: HTMLElement, options: SnapshotOptions): Promise<HTMLImageElement> {
  const clone = pictureClone(element, options.clean);
  for (const [name, value] of Object.entries(options.style ?? {})) clone.style.setProperty(name, value);
  clone.style.setProperty('width', `${options.width}px`);
  clone.style.setProperty('height', `${options.height}px`);
  const tree = wrapInAncestors(element, clone, options.dropAncestorClasses);
  const body = getComputedStyle(document.body);
  const root = document.createElementNS(XHTML, 'div');
  root.setAttribute(
    'style',
    `font-family:${body.fontFamily};font-size:${body.fontSize};line-height:${body.lineHeight};color:${body.color};width:${options.width}px;height:${options.height}px;position:relative;overflow:hidden;`,
  );
  root.append(tree);
  const html = new XMLSerializer().serializeToString(root);
  const css = pageCss().replace(/]]>/g, ']] >');
  // the page's :root rules style the <svg> here: its background must not paint over the picture
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" width="${options.width}" height="${options.height}" style="background:transparent">` +
    `<style><![CDATA[${css}]]></style><foreignObject x="0" y="0" width="100%" height="100%">${html}</foreignObject></svg>`;
  await new Promise((resolve) => setTimeout(resolve, 0));
  return loadImage(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`);
}
