// What someone typed into the page's fields, kept in sessionStorage (this tab only, gone when it closes) when
// their session ends under them, and put back when they return to the same page after signing in. One
// mechanism for every form: it reads the DOM, so react-hook-form, controlled fields and plain forms alike.
// Passwords, hidden and file inputs are never kept. A draft belongs to the console user signed in when it was kept:
// on a shared computer the next person to sign in in the same tab never sees it.

const PREFIX = "ra-console:draft:";
const OWNER = "ra-console:draft-owner";
const SKIPPED_TYPES = new Set(["password", "hidden", "file", "submit", "button", "reset", "image"]);

type Field = HTMLInputElement | HTMLTextAreaElement | HTMLSelectElement;
type Draft = Record<string, string | boolean>;
type Kept = { owner: string | null; fields: Draft };

const keyFor = (path: string) => `${PREFIX}${path}`;

/** A field's key in the draft: its id (unique on the page, what its label points at), else form and name. */
function fieldKey(field: Field): string | null {
  if (field.id) return `#${field.id}`;
  if (!field.name) return null;
  return `${field.form?.id ?? ""}/${field.name}`;
}

function draftableFields(root: ParentNode): Field[] {
  return Array.from(root.querySelectorAll<Field>("input, textarea, select")).filter(
    (field) => !field.disabled && !(field instanceof HTMLInputElement && SKIPPED_TYPES.has(field.type)) && field.autocomplete !== "current-password",
  );
}

function storage(): Storage | null {
  try {
    return window.sessionStorage;
  } catch {
    return null;
  }
}

const isChoice = (field: Field): field is HTMLInputElement => field instanceof HTMLInputElement && (field.type === "checkbox" || field.type === "radio");

/** Who drafts kept from now on belong to: set by the signed-in pages, before any draft can be kept. */
export function setDraftOwner(owner: string): void {
  try {
    storage()?.setItem(OWNER, owner);
  } catch {
    // Without storage there are no drafts either.
  }
}

/** Keeps the fields of the page's main content for this path (replacing an older draft of it). */
export function saveFormDrafts(path = window.location.pathname, root: ParentNode = document.getElementById("main") ?? document): void {
  const draft: Draft = {};
  for (const field of draftableFields(root)) {
    const key = fieldKey(field);
    if (!key) continue;
    if (isChoice(field)) draft[field.type === "radio" ? `${key}=${field.value}` : key] = field.checked;
    else if (field.value !== "") draft[key] = field.value;
  }
  try {
    const kept: Kept = { owner: storage()?.getItem(OWNER) ?? null, fields: draft };
    if (Object.keys(draft).length > 0) storage()?.setItem(keyFor(path), JSON.stringify(kept));
  } catch {
    // Storage full or refused: nothing more can be done for the draft.
  }
}

// React and react-hook-form listen for input events and track the value the page last set; setting the value
// through the prototype's setter makes the event count as the person's own typing.
function setValue(field: Field, value: string): void {
  const prototype = Object.getPrototypeOf(field) as object;
  Object.getOwnPropertyDescriptor(prototype, "value")?.set?.call(field, value);
  field.dispatchEvent(new Event("input", { bubbles: true }));
  field.dispatchEvent(new Event("change", { bubbles: true }));
}

/**
 * Puts back the draft `owner` kept for this path into the fields that are on the page, opens any closed
 * disclosure holding one, then forgets the draft (anyone else's too). Returns how many fields were put back.
 */
export function restoreFormDrafts(owner: string, path = window.location.pathname, root: ParentNode = document.getElementById("main") ?? document): number {
  const store = storage();
  const raw = store?.getItem(keyFor(path));
  if (!raw) return 0;
  store?.removeItem(keyFor(path));
  let draft: Draft;
  try {
    const kept = JSON.parse(raw) as Kept;
    if (kept.owner !== owner || !kept.fields || typeof kept.fields !== "object") return 0;
    draft = kept.fields;
  } catch {
    return 0;
  }
  let restored = 0;
  for (const field of draftableFields(root)) {
    const key = fieldKey(field);
    if (!key) continue;
    const saved = isChoice(field) ? draft[field.type === "radio" ? `${key}=${field.value}` : key] : draft[key];
    if (saved === undefined) continue;
    if (isChoice(field)) {
      if (typeof saved !== "boolean" || field.checked === saved || (field.type === "radio" && !saved)) continue;
      field.click();
    } else {
      if (typeof saved !== "string" || field.value === saved) continue;
      setValue(field, saved);
    }
    const disclosure = field.closest("details");
    if (disclosure) disclosure.open = true;
    restored++;
  }
  return restored;
}
