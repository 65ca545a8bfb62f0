//! Words packed into numbers, so that looking a word up in a list compares numbers rather
//! than strings: the sentence splitter's abbreviations, the speakers' verbs and titles,
//! the dates' counts and labels.

/// Longest word (in bytes) a key holds; a longer one is listed nowhere.
pub(crate) const KEY_BYTES: usize = 16;

/// `word` lower-cased and packed into one number, its bytes padded with zeros; `None`
/// when it is longer than [`KEY_BYTES`]. Words without a NUL byte have equal keys only
/// when they are equal.
pub(crate) fn word_key(word: &str) -> Option<u128> {
    if word.is_ascii() {
        word_key_of(word.as_bytes())
    } else {
        word_key_of(word.to_lowercase().as_bytes())
    }
}

/// [`word_key`] of a word whose only capitals are ASCII ones.
pub(crate) const fn word_key_of(word: &[u8]) -> Option<u128> {
    if word.len() > KEY_BYTES {
        return None;
    }
    let mut bytes = [0; KEY_BYTES];
    let mut i = 0;
    while i < word.len() {
        bytes[i] = word[i].to_ascii_lowercase();
        i += 1;
    }
    Some(u128::from_le_bytes(bytes))
}

/// The [`word_key`] of each of `words`, which are ASCII.
pub(crate) const fn word_keys<const N: usize>(words: &[&str]) -> [u128; N] {
    assert!(words.len() == N, "one key per word");
    let mut out = [0; N];
    let mut i = 0;
    while i < N {
        out[i] = match word_key_of(words[i].as_bytes()) {
            Some(key) => key,
            None => panic!("a listed word is longer than a key holds"),
        };
        i += 1;
    }
    out
}
