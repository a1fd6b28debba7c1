//! The decimal digits of a whole number without formatting machinery: the SVG and PDF writers put hundreds
//! of thousands of numbers into a big chart's output, and `write!` was most of their time.

/// Room for the digits of any `u64`.
pub(crate) type DigitBuffer = [u8; 20];

/// The ASCII digits of `value`, written into the end of `buffer`.
pub(crate) fn digits(mut value: u64, buffer: &mut DigitBuffer) -> &[u8] {
    let mut at = buffer.len();
    loop {
        at -= 1;
        buffer[at] = b'0' + (value % 10) as u8;
        value /= 10;
        if value == 0 {
            break;
        }
    }
    &buffer[at..]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digits_are_the_formatters() {
        let mut buffer = DigitBuffer::default();
        for value in [0, 1, 9, 10, 99, 100, 12_345, u64::from(u32::MAX), u64::MAX] {
            assert_eq!(digits(value, &mut buffer), value.to_string().as_bytes());
        }
    }
}
