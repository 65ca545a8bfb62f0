//! Eight bytes of text read as one number, for the loops that ask the same question of
//! every byte of a sentence or a word: the answer for all eight comes in the high bit of
//! each byte of the result.

/// The high bit of each of eight bytes.
pub const HIGH: u64 = 0x8080_8080_8080_8080;

/// Eight bytes `b`.
pub const fn each(b: u8) -> u64 {
    0x0101_0101_0101_0101 * b as u64
}

/// For eight bytes each below 0x80 (so that no sum carries into the next byte): the
/// high bit of each byte is set where the byte is at least `x`.
#[inline(always)]
pub fn at_least(bytes: u64, x: u8) -> u64 {
    bytes + each(0x80 - x)
}

/// The eight bytes of `bytes` from `at`, as one number (the first in the lowest byte), if
/// there are eight.
#[inline(always)]
pub fn eight_at(bytes: &[u8], at: usize) -> Option<u64> {
    let chunk = bytes.get(at..at.checked_add(8)?)?;
    Some(u64::from_le_bytes(chunk.try_into().ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_least_marks_every_seven_bit_byte_from_the_bound_on() {
        for x in [1u8, b'0', b'A', b'Z' + 1, b'a', 0x7F] {
            for b in 0..0x80u8 {
                let marked = at_least(each(b), x) & HIGH;
                assert_eq!(
                    marked,
                    if b >= x { HIGH } else { 0 },
                    "byte {b:#x}, bound {x:#x}"
                );
            }
        }
    }
}
