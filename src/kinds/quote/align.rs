//! Word alignment in the manner of Python's difflib: take the longest run of equal words,
//! then align what lies left and right of it the same way. Long runs first gives the
//! alignment a reader expects ("come at [they → their] boy"), unlike a bare LCS.

use crate::claim::FastMap;

/// A run of equal words: `a[a_start..a_start + len] == b[b_start..b_start + len]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Block {
    pub a: usize,
    pub b: usize,
    pub len: usize,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Equal,
    Replace,
    /// Words of `a` missing from `b`.
    Delete,
    /// Words of `b` missing from `a`.
    Insert,
}

/// One step of an alignment: `a[a1..a2]` against `b[b1..b2]`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Op {
    pub tag: Tag,
    pub a1: usize,
    pub a2: usize,
    pub b1: usize,
    pub b2: usize,
}

/// The runs of equal words shared by `a` and `b`, in order, adjacent runs merged. The
/// work is bounded by the number of equal word pairs, and uses no recursion.
pub(crate) fn matching_blocks(a: &[u32], b: &[u32]) -> Vec<Block> {
    let mut positions: FastMap<u32, Vec<usize>> = FastMap::default();
    for (j, &word) in b.iter().enumerate() {
        positions.entry(word).or_default().push(j);
    }
    let mut found = Vec::new();
    let mut todo = vec![(0, a.len(), 0, b.len())];
    while let Some((alo, ahi, blo, bhi)) = todo.pop() {
        let block = longest_match(a, &positions, alo, ahi, blo, bhi);
        if block.len == 0 {
            continue;
        }
        found.push(block);
        if alo < block.a && blo < block.b {
            todo.push((alo, block.a, blo, block.b));
        }
        if block.a + block.len < ahi && block.b + block.len < bhi {
            todo.push((block.a + block.len, ahi, block.b + block.len, bhi));
        }
    }
    found.sort_by_key(|m| (m.a, m.b));
    let mut merged: Vec<Block> = Vec::with_capacity(found.len());
    for block in found {
        match merged.last_mut() {
            Some(last) if last.a + last.len == block.a && last.b + last.len == block.b => {
                last.len += block.len;
            }
            _ => merged.push(block),
        }
    }
    merged
}

/// The longest run of equal words within `a[alo..ahi]` and `b[blo..bhi]`; among equally
/// long runs, the one that starts earliest in `a`, then in `b`.
fn longest_match(
    a: &[u32],
    positions: &FastMap<u32, Vec<usize>>,
    alo: usize,
    ahi: usize,
    blo: usize,
    bhi: usize,
) -> Block {
    let mut best = Block {
        a: alo,
        b: blo,
        len: 0,
    };
    // Length of the run of equal words ending at (i - 1, blo + k), by k; only the
    // entries touched are cleared, so a row costs as much as its equal pairs.
    let width = bhi.saturating_sub(blo);
    let mut previous = vec![0usize; width];
    let mut current = vec![0usize; width];
    let mut touched_previous: Vec<usize> = Vec::new();
    let mut touched_current: Vec<usize> = Vec::new();
    for (i, word) in a.iter().enumerate().take(ahi).skip(alo) {
        if let Some(js) = positions.get(word) {
            let first = js.partition_point(|&j| j < blo);
            for &j in &js[first..] {
                if j >= bhi {
                    break;
                }
                let k = j - blo;
                let len = if k > 0 { previous[k - 1] } else { 0 } + 1;
                current[k] = len;
                touched_current.push(k);
                if len > best.len {
                    best = Block {
                        a: i + 1 - len,
                        b: j + 1 - len,
                        len,
                    };
                }
            }
        }
        for &k in &touched_previous {
            previous[k] = 0;
        }
        std::mem::swap(&mut previous, &mut current);
        std::mem::swap(&mut touched_previous, &mut touched_current);
        touched_current.clear();
    }
    best
}

/// The steps that turn `a` into `b`, given their matching blocks.
pub(crate) fn opcodes(blocks: &[Block], a_len: usize, b_len: usize) -> Vec<Op> {
    let mut ops = Vec::new();
    let (mut i, mut j) = (0, 0);
    let end = Block {
        a: a_len,
        b: b_len,
        len: 0,
    };
    for block in blocks.iter().chain(std::iter::once(&end)) {
        let tag = match (i < block.a, j < block.b) {
            (true, true) => Some(Tag::Replace),
            (true, false) => Some(Tag::Delete),
            (false, true) => Some(Tag::Insert),
            (false, false) => None,
        };
        if let Some(tag) = tag {
            ops.push(Op {
                tag,
                a1: i,
                a2: block.a,
                b1: j,
                b2: block.b,
            });
        }
        if block.len > 0 {
            ops.push(Op {
                tag: Tag::Equal,
                a1: block.a,
                a2: block.a + block.len,
                b1: block.b,
                b2: block.b + block.len,
            });
        }
        i = block.a + block.len;
        j = block.b + block.len;
    }
    ops
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ids(s: &str) -> Vec<u32> {
        s.bytes().map(u32::from).collect()
    }

    #[test]
    fn the_longest_run_is_aligned_first() {
        let (a, b) = (ids("abxcdef"), ids("abycdefz"));
        let blocks = matching_blocks(&a, &b);
        assert_eq!(
            blocks,
            [Block { a: 0, b: 0, len: 2 }, Block { a: 3, b: 3, len: 4 }]
        );
        let tags: Vec<Tag> = opcodes(&blocks, a.len(), b.len())
            .iter()
            .map(|o| o.tag)
            .collect();
        assert_eq!(tags, [Tag::Equal, Tag::Replace, Tag::Equal, Tag::Insert]);
    }

    #[test]
    fn nothing_in_common_is_one_replacement() {
        let (a, b) = (ids("abc"), ids("xyz"));
        let blocks = matching_blocks(&a, &b);
        assert!(blocks.is_empty());
        assert_eq!(
            opcodes(&blocks, 3, 3),
            [Op {
                tag: Tag::Replace,
                a1: 0,
                a2: 3,
                b1: 0,
                b2: 3
            }]
        );
    }

    #[test]
    fn empty_sequences_align_to_nothing() {
        assert!(matching_blocks(&[], &ids("abc")).is_empty());
        assert_eq!(
            opcodes(&[], 0, 3),
            [Op {
                tag: Tag::Insert,
                a1: 0,
                a2: 0,
                b1: 0,
                b2: 3
            }]
        );
        assert!(opcodes(&[], 0, 0).is_empty());
    }

    #[test]
    fn long_repetitive_sequences_finish() {
        let a: Vec<u32> = (0..3000).map(|i| i % 3).collect();
        let b: Vec<u32> = (0..3000).map(|i| (i + 1) % 3).collect();
        let blocks = matching_blocks(&a, &b);
        assert_eq!(blocks.iter().map(|m| m.len).sum::<usize>(), 2999);
    }
}
