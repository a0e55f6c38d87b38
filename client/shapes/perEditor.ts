import type { Editor } from 'tldraw';

/**
 * One `make(editor)` per editor, made by the first caller and kept as long as the editor lives
 * (the shared watchers cards read: culled shapes, the distant view).
 */
export function perEditor<T>(make: (editor: Editor) => T): (editor: Editor) => T {
  const byEditor = new WeakMap<Editor, T>();
  return (editor) => {
    let made = byEditor.get(editor);
    if (made === undefined) {
      made = make(editor);
      byEditor.set(editor, made);
    }
    return made;
  };
}
