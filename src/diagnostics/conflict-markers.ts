/**
 * Git's merge conflict markers. A file permgen reads that holds them is reported as a merge in
 * progress (pointing at `permgen resolve`), never as bad JSON or bad syntax.
 */

/**
 * The offset of the first line that is a git conflict marker (`<<<<<<< `, `|||||||`,
 * `=======`, `>>>>>>> `, each a whole marker at the start of a line), or undefined.
 */
export function findConflictMarker(text: string): number | undefined {
  const match = /^(?:<{7}|\|{7}|={7}|>{7})(?: |\r?\n|$)/m.exec(text);
  return match?.index;
}
