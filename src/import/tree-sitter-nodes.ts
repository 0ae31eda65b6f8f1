/**
 * Helpers the tree-sitter readers (Python, Rust) share: where a node is, and where a tree that
 * does not parse breaks first.
 */
import type { Node } from "web-tree-sitter";
import type { SourcePosition } from "./imported-vocabulary.js";

/** A node's start as a 1-based position in `file`. */
export function positionOf(file: string, node: Node): SourcePosition {
  return { file, line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/**
 * The first ERROR or MISSING node in document order, or undefined when the tree parsed cleanly.
 * Iterative: a hostile file nests deeper than a recursive walk's stack allows.
 */
export function findSyntaxError(root: Node): Node | undefined {
  if (!root.hasError) return undefined;
  const stack: Node[] = [root];
  while (stack.length > 0) {
    const node = stack.pop();
    if (node === undefined) break;
    if (node.isMissing) return node;
    // A file that breaks early can become one ERROR node from its first byte: its start says
    // nothing, the last token the parser took before giving up (an unclosed `(`) says where.
    if (node.isError) return node.parent === null ? lastLeaf(node) : node;
    if (!node.hasError) continue;
    const children = node.children.filter((c): c is Node => c !== null);
    for (let i = children.length - 1; i >= 0; i--) {
      const child = children[i];
      if (child !== undefined) stack.push(child);
    }
  }
  return root;
}

/** The last token under `node` (iteratively), or `node` itself when it has no children. */
function lastLeaf(node: Node): Node {
  let current = node;
  for (;;) {
    const last = current.lastChild;
    if (last === null) return current;
    current = last;
  }
}
