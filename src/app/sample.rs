//! The chart the editor opens on when started without a file: the Barnet 2012 client-side sample, built
//! into the binary so it opens from any folder.

use crate::model::Chart;

const SAMPLE_NAME: &str = "barnet-nscso-2012.ron";
const SAMPLE_RON: &str = include_str!("../../samples/barnet-nscso-2012.ron");

pub fn sample_chart() -> Chart {
    // The sample is checked by the test below and by tests/samples.rs; an empty chart is the safe fallback.
    crate::io::from_ron_str(SAMPLE_RON, SAMPLE_NAME).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    #[test]
    fn sample_is_the_barnet_chart_from_the_samples_folder() {
        let chart = super::sample_chart();
        assert_eq!(chart.len(), 16);
        assert_eq!(chart.links().len(), 3);
        assert!(chart.title().contains("NSCSO"));
    }
}
