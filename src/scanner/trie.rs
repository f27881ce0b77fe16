//! The scanner's trie of the literals that start with a character other than a letter or digit
//! (".NET"), ignoring ASCII case, walked from a word start that begins with one.
//!
//! Built here rather than taken from an Aho-Corasick crate because the scan only ever walks it
//! anchored, from the root, and a walk mostly ends a byte or two down: what matters is that the
//! top of the trie is small and contiguous. States are numbered breadth first, the shallow ones
//! get a dense row of transitions (one table read per byte) and the deep ones, rarely reached
//! and mostly with one child, a short sorted list. (It holds few literals: the rest are found by
//! their first word, see `words`.)

/// States at most this deep get dense rows.
const DENSE_DEPTH: usize = 2;

/// No transition: the walk ends. The root is never a target, so its number can mean that.
const DEAD: u32 = 0;

/// Set in a transition's target when literals end at the target: the walk looks up what ends
/// there only then, and the table of matches stays out of the caches otherwise.
const ENDS: u32 = 1 << 31;

/// A trie of byte strings, compared ignoring ASCII case.
#[derive(Debug, Clone)]
pub(crate) struct Trie {
    /// Each byte's class: 0 for bytes no literal holds, ASCII letters in either case alike.
    classes: [u8; 256],
    /// Classes, including class 0.
    width: usize,
    /// States `0..dense` have a dense row in `rows`.
    dense: u32,
    rows: Vec<u32>,
    /// For each state from `dense` on, its range in `edges`.
    sparse: Vec<(u32, u32)>,
    /// (class, target), sorted by class within a state.
    edges: Vec<(u8, u32)>,
    /// For each state, its range in `ends`: the literals that are exactly the state's string.
    matches: Vec<(u32, u32)>,
    ends: Vec<u32>,
}

/// A state while building: children by class, the literals ending here.
#[derive(Default)]
struct Node {
    children: Vec<(u8, u32)>,
    ends: Vec<u32>,
}

impl Trie {
    /// The trie of `literals`; literal `i` is reported as `i`. Empty literals are never found.
    ///
    /// At most 2^31 states: the scanner checks the number of literals, and their bytes are far
    /// fewer.
    pub(crate) fn new(literals: &[&[u8]]) -> Trie {
        let mut classes = [0u8; 256];
        let mut width = 1usize;
        for &byte in literals.iter().flat_map(|l| l.iter()) {
            let lower = byte.to_ascii_lowercase();
            if classes[usize::from(lower)] == 0 {
                // Capitals fold to small letters, so at most 230 distinct values: with class 0
                // taken, a u8 still holds every class.
                let class = u8::try_from(width).unwrap_or(u8::MAX);
                classes[usize::from(lower)] = class;
                classes[usize::from(lower.to_ascii_uppercase())] = class;
                width += 1;
            }
        }
        let mut nodes: Vec<Node> = vec![Node::default()];
        for (i, literal) in literals.iter().enumerate() {
            if literal.is_empty() {
                continue;
            }
            let mut at = 0usize;
            for &byte in literal.iter() {
                let class = classes[usize::from(byte)];
                at = match nodes[at].children.iter().find(|(c, _)| *c == class) {
                    Some(&(_, next)) => next as usize,
                    None => {
                        let next = nodes.len();
                        nodes.push(Node::default());
                        nodes[at].children.push((class, next as u32));
                        next
                    }
                };
            }
            nodes[at].ends.push(i as u32);
        }
        // Breadth-first numbering, children in class order, with each state's depth.
        for node in &mut nodes {
            node.children.sort_unstable();
        }
        let mut order: Vec<(usize, usize)> = vec![(0, 0)];
        let mut new_id = vec![0u32; nodes.len()];
        let mut head = 0;
        while head < order.len() {
            let (old, depth) = order[head];
            new_id[old] = head as u32 | if nodes[old].ends.is_empty() { 0 } else { ENDS };
            head += 1;
            let node = &nodes[old];
            order.extend(node.children.iter().map(|&(_, c)| (c as usize, depth + 1)));
        }
        let dense = order.partition_point(|&(_, depth)| depth <= DENSE_DEPTH);
        let mut rows = vec![DEAD; dense * width];
        let mut sparse = Vec::with_capacity(order.len() - dense);
        let mut edges = Vec::new();
        let mut matches = Vec::with_capacity(order.len());
        let mut ends = Vec::new();
        for (state, &(old, _)) in order.iter().enumerate() {
            let node = &nodes[old];
            if state < dense {
                for &(class, child) in &node.children {
                    rows[state * width + usize::from(class)] = new_id[child as usize];
                }
            } else {
                let from = edges.len() as u32;
                edges.extend(
                    node.children
                        .iter()
                        .map(|&(class, child)| (class, new_id[child as usize])),
                );
                sparse.push((from, edges.len() as u32));
            }
            let from = ends.len() as u32;
            ends.extend_from_slice(&node.ends);
            matches.push((from, ends.len() as u32));
        }
        Trie {
            classes,
            width,
            dense: dense as u32,
            rows,
            sparse,
            edges,
            matches,
            ends,
        }
    }

    /// Whether some literal starts with `byte` (in either ASCII case).
    pub(crate) fn starts_with(&self, byte: u8) -> bool {
        let class = self.classes[usize::from(byte)];
        class != 0 && self.rows[usize::from(class)] != DEAD
    }

    /// Calls `found(literal, end)` for every literal that `text[from..]` starts with, shortest
    /// first (literals equal ignoring case in the order given).
    #[inline]
    pub(crate) fn walk(&self, text: &[u8], from: usize, mut found: impl FnMut(usize, usize)) {
        let mut state = 0u32;
        for (at, &byte) in text.iter().enumerate().skip(from) {
            let class = self.classes[usize::from(byte)];
            if class == 0 {
                return;
            }
            let at_state = state & !ENDS;
            state = if at_state < self.dense {
                self.rows[at_state as usize * self.width + usize::from(class)]
            } else {
                let (lo, hi) = self.sparse[(at_state - self.dense) as usize];
                match self.edges[lo as usize..hi as usize]
                    .iter()
                    .find(|&&(c, _)| c == class)
                {
                    Some(&(_, next)) => next,
                    None => DEAD,
                }
            };
            if state == DEAD {
                return;
            }
            if state & ENDS == 0 {
                continue;
            }
            let (lo, hi) = self.matches[(state & !ENDS) as usize];
            for &literal in &self.ends[lo as usize..hi as usize] {
                found(literal as usize, at + 1);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Trie;

    /// Every literal `text[from..]` starts with, the slow way.
    fn naive(literals: &[&[u8]], text: &[u8], from: usize) -> Vec<(usize, usize)> {
        let mut out: Vec<(usize, usize)> = literals
            .iter()
            .enumerate()
            .filter(|(_, l)| {
                !l.is_empty()
                    && text.len() >= from + l.len()
                    && text[from..from + l.len()].eq_ignore_ascii_case(l)
            })
            .map(|(i, l)| (i, from + l.len()))
            .collect();
        out.sort_by_key(|&(i, end)| (end, i));
        out
    }

    #[test]
    fn finds_what_a_naive_search_finds() {
        let literals: Vec<&[u8]> = [
            "go",
            "golang",
            "Go",
            "c",
            "c++",
            "c#",
            "ci/cd",
            "java",
            "javascript",
            "js",
            "node.js",
            "",
            "über",
            "k8s",
            "Spring Boot",
            "spring",
            "a",
            "ab",
            "abc",
            "abd",
            "zz",
        ]
        .iter()
        .map(|s| s.as_bytes())
        .collect();
        let trie = Trie::new(&literals);
        let text = "GoLang go C++ c#, CI/CD JavaScript node.JS über K8S spring boot abcd abd zz z"
            .as_bytes();
        let mut total = 0;
        for from in 0..text.len() {
            let mut found = Vec::new();
            trie.walk(text, from, |i, end| found.push((i, end)));
            assert_eq!(found, naive(&literals, text, from), "at {from}");
            total += found.len();
            assert_eq!(
                trie.starts_with(text[from]),
                literals.iter().any(|l| l
                    .first()
                    .is_some_and(|b| b.eq_ignore_ascii_case(&text[from])))
            );
        }
        assert!(total > 20, "{total}");
    }
}
