//! The order that sorts breadth coordinates, by a radix sort of their bits (`radsort`): the card index sorts
//! every card of a chart on each build, and sorting the cards themselves with a comparison sort was most of
//! making the index (a 100,000-card chart: about 5 of 12 ms).

/// The indices of `keys` in the order a stable sort by [`f64::total_cmp`] puts them: equal keys keep
/// their order, so the result is exactly `sort_by(|a, b| a.total_cmp(b))` applied to the indices.
/// (`radsort` is stable, orders floats as `total_cmp` does and skips the bytes every key shares: a
/// coordinate's sign and exponent, a round coordinate's low bits.)
pub(super) fn stable_order(keys: &[f64]) -> Vec<usize> {
    let mut items: Vec<(f64, usize)> = keys.iter().copied().zip(0..).collect();
    radsort::sort_by_key(&mut items, |&(key, _)| key);
    items.into_iter().map(|(_, i)| i).collect()
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
        // Enough copies (ties included) for long runs of equal keys.
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
