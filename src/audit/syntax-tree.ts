/**
 * Small helpers over web-tree-sitter syntax trees, shared by the Python, Go and Rust scanners.
 */
import type { Node, Tree } from "web-tree-sitter";
import type { SourcePoint } from "./scan-result.js";

/** A node's 1-based position (tree-sitter columns count UTF-16 code units in web-tree-sitter). */
export function pointOf(node: Node): SourcePoint {
  return { line: node.startPosition.row + 1, column: node.startPosition.column + 1 };
}

/** The first ERROR or MISSING node in document order, with a message, or undefined. */
export function findSyntaxError(tree: Tree): (SourcePoint & { message: string }) | undefined {
  if (!tree.rootNode.hasError) return undefined;
  const search = (node: Node): Node | undefined => {
    if (node.isError || node.isMissing) return node;
    for (const child of node.children) {
      if (child !== null && child.hasError) {
        const found = search(child);
        if (found !== undefined) return found;
      }
    }
    return undefined;
  };
  const bad = search(tree.rootNode) ?? tree.rootNode;
  const message = `syntax error: ${bad.isMissing ? `expected ${JSON.stringify(bad.type)}` : `unexpected ${describeToken(bad)}`}`;
  return { ...pointOf(bad), message };
}

function describeToken(node: Node): string {
  const first = node.childCount > 0 ? node.child(0) : node;
  const text = (first ?? node).text.split("\n")[0] ?? "";
  return text === "" ? "end of file" : JSON.stringify(text.slice(0, 40));
}

/** Named children of a node, nulls dropped. */
export function namedChildren(node: Node): Node[] {
  return node.namedChildren.filter((child): child is Node => child !== null);
}
