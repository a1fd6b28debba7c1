//! Work on a big chart split over the cores: cards measured in runs (each card's measurement reads only
//! its own unit and the options), and independent stages of a build or an edit run side by side.

/// Below this many items (cards, units) the threads cost more than they save.
pub(crate) const SMALLEST_SPLIT: usize = 2_000;

std::thread_local! {
    /// Set by [`on_one_thread`]: lets a test compare what the threads give with what one thread gives.
    static ONE_THREAD: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn cores() -> usize {
    if ONE_THREAD.get() {
        return 1;
    }
    std::thread::available_parallelism().map_or(1, |n| n.get().min(8))
}

/// Runs `work` with everything it splits kept on this thread.
#[cfg(test)]
pub(crate) fn on_one_thread<R>(work: impl FnOnce() -> R) -> R {
    ONE_THREAD.set(true);
    let result = work();
    ONE_THREAD.set(false);
    result
}

/// `items.iter().map(f).collect()`, worked through on up to one thread per core; results in order.
pub(crate) fn map<T: Sync, R: Send>(items: &[T], f: impl Fn(&T) -> R + Sync) -> Vec<R> {
    let cores = cores();
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

/// `(first(), second())`, the two run side by side when `items` (the size of the work: cards, units) is
/// big enough for a second thread to pay, and there is a second core.
pub(crate) fn join<A: Send, B>(
    items: usize,
    first: impl FnOnce() -> A + Send,
    second: impl FnOnce() -> B,
) -> (A, B) {
    if cores() < 2 || items < SMALLEST_SPLIT {
        let a = first();
        return (a, second());
    }
    std::thread::scope(|scope| {
        let handle = scope.spawn(first);
        let b = second();
        match handle.join() {
            Ok(a) => (a, b),
            // A panic on the other thread is a bug in the work itself: raise it here as it would have
            // been raised without threads.
            Err(panic) => std::panic::resume_unwind(panic),
        }
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

    #[test]
    fn both_halves_of_a_join_run_whether_side_by_side_or_not() {
        for items in [0, SMALLEST_SPLIT - 1, SMALLEST_SPLIT, 10 * SMALLEST_SPLIT] {
            let mut second_ran = false;
            let (a, b) = join(
                items,
                || (0..items).sum::<usize>(),
                || {
                    second_ran = true;
                    items * 2
                },
            );
            assert_eq!(a, (0..items).sum::<usize>());
            assert_eq!(b, items * 2);
            assert!(second_ran);
        }
    }
}
