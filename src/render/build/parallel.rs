//! Measuring cards on every core: each card's measurement reads only its own unit and the options, so a
//! big chart's cards are split into one run per core.

/// Below this many items the threads cost more than they save.
const SMALLEST_SPLIT: usize = 2_000;

/// `items.iter().map(f).collect()`, worked through on up to one thread per core; results in order.
pub(super) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get().min(8));
    if cores < 2 || items.len() < SMALLEST_SPLIT {
        return items.iter().map(f).collect();
    }
    let run = items.len().div_ceil(cores);
    let f = &f;
    std::thread::scope(|scope| {
        let runs: Vec<_> = items
            .chunks(run)
            .skip(1)
            .map(|chunk| scope.spawn(move || chunk.iter().map(f).collect::<Vec<R>>()))
            .collect();
        // The first run on this thread, while the others work on theirs.
        let mut out: Vec<R> = Vec::with_capacity(items.len());
        out.extend(items.iter().take(run).map(f));
        for handle in runs {
            match handle.join() {
                Ok(results) => out.extend(results),
                // A panic in a run is a bug in measuring: raise it here as it would have been raised
                // without threads.
                Err(panic) => std::panic::resume_unwind(panic),
            }
        }
        out
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn results_come_back_in_order_whether_split_or_not() {
        for n in [
            0,
            1,
            10,
            SMALLEST_SPLIT - 1,
            SMALLEST_SPLIT,
            3 * SMALLEST_SPLIT + 7,
        ] {
            let items: Vec<usize> = (0..n).collect();
            let squares = map(&items, |i| i * i);
            assert_eq!(
                squares,
                items.iter().map(|i| i * i).collect::<Vec<_>>(),
                "{n}"
            );
        }
    }
}
