//! The order that sorts breadth coordinates, by a radix sort of their bits: the card index sorts every
//! card of a chart on each build, and sorting the cards themselves with a comparison sort was most of
//! making the index (a 100,000-card chart: about 5 of 12 ms).

/// Below this many keys a comparison sort is as quick and needs no tables.
const SMALL: usize = 64;

/// The indices of `keys` in the order a stable sort by [`f64::total_cmp`] puts them: equal keys keep
/// their order, so the result is exactly `sort_by(|a, b| a.total_cmp(b))` applied to the indices.
pub(super) fn stable_order(keys: &[f64]) -> Vec<usize> {
    let Ok(count) = u32::try_from(keys.len()) else {
        // More keys than u32 indices (never a real chart): the comparison sort.
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
        return order;
    };
    let mut items: Vec<(u64, u32)> = keys
        .iter()
        .zip(0..count)
        .map(|(&k, i)| (ordered_bits(k), i))
        .collect();
    if items.len() < SMALL {
        items.sort_by_key(|&(bits, _)| bits);
        return items.into_iter().map(|(_, i)| i as usize).collect();
    }
    // Least significant byte first; each pass is stable, so ties keep their index order. A byte that
    // every key shares (a coordinate's sign and exponent, a round coordinate's low bits) needs no pass.
    let mut counts = [[0usize; 256]; 8];
    for &(bits, _) in &items {
        for (byte, count) in counts.iter_mut().enumerate() {
            count[digit(bits, byte)] += 1;
        }
    }
    let mut spare = vec![(0u64, 0u32); items.len()];
    for (byte, count) in counts.iter().enumerate() {
        if count.contains(&items.len()) {
            continue;
        }
        let mut next = [0usize; 256];
        let mut at = 0;
        for (slot, &c) in next.iter_mut().zip(count) {
            *slot = at;
            at += c;
        }
        for &item in &items {
            let d = digit(item.0, byte);
            spare[next[d]] = item;
            next[d] += 1;
        }
        std::mem::swap(&mut items, &mut spare);
    }
    items.into_iter().map(|(_, i)| i as usize).collect()
}

/// The bits of `v` as an unsigned number that orders as [`f64::total_cmp`] does: negative values have
/// every bit flipped (a larger magnitude is smaller), the others only their sign bit.
fn ordered_bits(v: f64) -> u64 {
    let bits = v.to_bits();
    if bits >> 63 == 1 {
        !bits
    } else {
        bits | (1 << 63)
    }
}

fn digit(bits: u64, byte: usize) -> usize {
    ((bits >> (8 * byte)) & 0xff) as usize
}

#[cfg(test)]
mod tests {
    use super::*;

    /// What `stable_order` stands for: the indices stably sorted by `total_cmp`.
    fn by_comparison(keys: &[f64]) -> Vec<usize> {
        let mut order: Vec<usize> = (0..keys.len()).collect();
        order.sort_by(|&a, &b| keys[a].total_cmp(&keys[b]));
        order
    }

    #[test]
    fn special_values_order_as_total_cmp_does() {
        let mut keys = vec![
            0.0,
            -0.0,
            f64::INFINITY,
            f64::NEG_INFINITY,
            f64::NAN,
            -f64::NAN,
            f64::MIN_POSITIVE,
            -f64::MIN_POSITIVE,
            f64::MAX,
            f64::MIN,
            1.5,
            -1.5,
            1e-300,
            -1e-300,
        ];
        // Enough copies (ties included) to take the radix path as well as the small one.
        for round in 0..2 {
            assert_eq!(stable_order(&keys), by_comparison(&keys), "round {round}");
            keys = keys.iter().cycle().take(14 * 9).copied().collect();
        }
    }

    proptest::proptest! {
        /// Coordinates as a layout makes them (many ties, round values, negative ones, huge ones) and
        /// arbitrary bit patterns: the same order as the stable comparison sort.
        #[test]
        fn orders_as_a_stable_comparison_sort(
            coarse in proptest::collection::vec((-300i32..300, 0u8..4), 0..400),
            raw in proptest::collection::vec(proptest::num::u64::ANY, 0..200),
            scale in proptest::sample::select(vec![1.0f64, 0.5, 37.25, 1e9]),
        ) {
            let keys: Vec<f64> = coarse
                .iter()
                .map(|&(v, f)| (f64::from(v) + f64::from(f) / 4.0) * scale)
                .collect();
            proptest::prop_assert_eq!(stable_order(&keys), by_comparison(&keys));
            let bits: Vec<f64> = raw.iter().map(|&b| f64::from_bits(b)).collect();
            proptest::prop_assert_eq!(stable_order(&bits), by_comparison(&bits));
            let mixed: Vec<f64> = keys.iter().chain(&bits).copied().collect();
            proptest::prop_assert_eq!(stable_order(&mixed), by_comparison(&mixed));
        }
    }
}
