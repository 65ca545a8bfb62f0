//! A growable list kept in chunks of fixed size, for the millions of small records an
//! archive yields (claims, quotations): it grows without ever copying what it holds.

/// Items in chunks of [`CHUNK`]: unlike a `Vec`, growing never moves what is stored into
/// a buffer twice as large, which at millions of records would briefly need three times
/// their memory, and leave up to half of it reserved and unused.
#[derive(Clone, Debug)]
pub(crate) struct Chunked<T> {
    chunks: Vec<Vec<T>>,
    len: usize,
}

/// Items per chunk: 64 Ki records of a few dozen bytes, a few megabytes.
pub(crate) const CHUNK: usize = 1 << 16;

impl<T> Default for Chunked<T> {
    fn default() -> Self {
        Chunked {
            chunks: Vec::new(),
            len: 0,
        }
    }
}

impl<T> Chunked<T> {
    pub(crate) fn push(&mut self, item: T) {
        match self.chunks.last_mut() {
            Some(chunk) if chunk.len() < CHUNK => chunk.push(item),
            Some(_) => {
                let mut chunk = Vec::with_capacity(CHUNK);
                chunk.push(item);
                self.chunks.push(chunk);
            }
            // The first chunk grows as needed: a small list (the evidence of one
            // finding, say) holds a few items, not a chunk.
            None => self.chunks.push(vec![item]),
        }
        self.len += 1;
    }

    pub(crate) fn len(&self) -> usize {
        self.len
    }

    pub(crate) fn is_empty(&self) -> bool {
        self.len == 0
    }

    /// Keeps the first `len` items.
    pub(crate) fn truncate(&mut self, len: usize) {
        if len >= self.len {
            return;
        }
        let chunks = len.div_ceil(CHUNK);
        self.chunks.truncate(chunks);
        if let Some(last) = self.chunks.last_mut() {
            last.truncate(len - (chunks - 1) * CHUNK);
        }
        self.len = len;
    }

    /// Gives back what the last chunk reserved beyond its items.
    pub(crate) fn shrink_to_fit(&mut self) {
        if let Some(last) = self.chunks.last_mut() {
            last.shrink_to_fit();
        }
    }

    /// Items reserved for, used or not.
    #[cfg(test)]
    pub(crate) fn capacity(&self) -> usize {
        self.chunks.iter().map(Vec::capacity).sum()
    }
}

impl<T> std::ops::Index<usize> for Chunked<T> {
    type Output = T;

    fn index(&self, index: usize) -> &T {
        &self.chunks[index / CHUNK][index % CHUNK]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_small_list_does_not_reserve_a_whole_chunk_but_a_large_one_fills_chunks() {
        let mut list = Chunked::default();
        list.push(0usize);
        assert!(list.capacity() < CHUNK / 16);
        for i in 1..CHUNK + 2 {
            list.push(i);
        }
        assert_eq!(list.len(), CHUNK + 2);
        assert_eq!(list.capacity(), 2 * CHUNK);
        assert_eq!(list[CHUNK + 1], CHUNK + 1);
    }

    #[test]
    fn truncating_keeps_the_first_items_across_chunks() {
        let mut list = Chunked::default();
        for i in 0..2 * CHUNK + 5 {
            list.push(i);
        }
        list.truncate(CHUNK + 3);
        assert_eq!(list.len(), CHUNK + 3);
        assert_eq!(list[CHUNK + 2], CHUNK + 2);
        list.truncate(CHUNK);
        assert_eq!(list.len(), CHUNK);
        assert_eq!(list[CHUNK - 1], CHUNK - 1);
        list.push(7);
        assert_eq!(list[CHUNK], 7);
        list.truncate(0);
        assert!(list.is_empty());
        list.truncate(10);
        assert!(list.is_empty());
    }
}
