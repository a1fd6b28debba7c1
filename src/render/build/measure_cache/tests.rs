use super::super::{build_drawing, build_drawing_with_cache};
use super::*;
use crate::generate::generate;
use crate::model::{Chart, Cost, CostBasis, Headcount, HeadcountBasis, Span, Status, UnitKind};
use crate::render::Theme;
use crate::render::colour_by::ColourBy;

fn posts(n: f64) -> Headcount {
    Headcount {
        value: Span::exact(n),
        basis: HeadcountBasis::Posts,
    }
}

fn id(s: &str) -> UnitId {
    UnitId::new(s)
}

/// A unit with no reports, and the chain of managers above it.
fn a_leaf(chart: &Chart) -> (UnitId, usize) {
    let forest = chart.forest(false);
    let leaf = (0..forest.len())
        .rev()
        .find(|&i| forest.children[i].is_empty() && forest.parent[i].is_some())
        .expect("a generated chart has leaves");
    let id = forest.ids[leaf].clone();
    let above = chart.ancestors(&id).len();
    (id, above)
}

/// Builds with the cache and checks the result is what a fresh build gives; returns the re-measured count.
fn build_checked(chart: &Chart, options: &RenderOptions, cache: &mut MeasureCache) -> usize {
    let cached = build_drawing_with_cache(chart, options, cache);
    assert!(
        cached == build_drawing(chart, options),
        "the cached build differs from a fresh one"
    );
    cache.remeasured()
}

fn edit(chart: &mut Chart, unit: &UnitId, change: impl FnOnce(&mut Unit)) {
    let mut changed = chart.unit(unit).expect("the unit exists").clone();
    change(&mut changed);
    chart.replace_unit(changed).expect("the edit applies");
}

#[test]
fn the_first_build_measures_every_card_and_an_unchanged_chart_none() {
    let chart = generate(300, 7);
    let mut cache = MeasureCache::default();
    let options = RenderOptions::default();
    assert_eq!(build_checked(&chart, &options, &mut cache), chart.len());
    assert_eq!(cache.len(), chart.len());
    assert_eq!(build_checked(&chart, &options, &mut cache), 0);
}

#[test]
fn a_rename_remeasures_one_card() {
    let mut chart = generate(300, 7);
    let mut cache = MeasureCache::default();
    let options = RenderOptions::default();
    build_checked(&chart, &options, &mut cache);
    let manager = chart.roots()[0].clone();
    edit(&mut chart, &manager, |u| {
        u.name = "Chief Renamed Officer".into()
    });
    assert_eq!(build_checked(&chart, &options, &mut cache), 1);
    let (leaf, _) = a_leaf(&chart);
    edit(&mut chart, &leaf, |u| {
        u.name.push_str(" and a much longer name")
    });
    assert_eq!(build_checked(&chart, &options, &mut cache), 1);
}

#[test]
fn only_the_units_the_chart_says_changed_are_compared_field_by_field() {
    let mut chart = generate(300, 7);
    let mut cache = MeasureCache::default();
    let options = RenderOptions::default();
    build_checked(&chart, &options, &mut cache);
    let (leaf, _) = a_leaf(&chart);
    edit(&mut chart, &leaf, |u| u.role = "Another role".into());
    assert_eq!(build_checked(&chart, &options, &mut cache), 1);
    assert_eq!(cache.units_compared(), 1);
    // A move names the moved unit only: it alone is compared (its managers are re-measured for figures).
    let to = chart.roots()[0].clone();
    chart
        .move_unit(&leaf, Some(&to), None)
        .expect("the move applies");
    build_checked(&chart, &options, &mut cache);
    assert_eq!(cache.units_compared(), 1);
}

#[test]
fn another_chart_with_the_same_ids_is_compared_field_by_field() {
    let chart = generate(300, 7);
    let mut cache = MeasureCache::default();
    let options = RenderOptions::default();
    build_checked(&chart, &options, &mut cache);
    // The same units read again from a file, one renamed: its history says nothing of the cache's chart.
    let (leaf, _) = a_leaf(&chart);
    let mut text = crate::io::to_ron_string(&chart).expect("it saves");
    let name = chart.unit(&leaf).expect("the leaf exists").name.clone();
    text = text.replacen(&format!("\"{name}\""), "\"Renamed in the file\"", 1);
    let other = crate::io::from_ron_str(&text, "other.ron").expect("it loads");
    assert_eq!(build_checked(&other, &options, &mut cache), 1);
    assert_eq!(cache.units_compared(), chart.len());
}

#[test]
fn a_headcount_edit_remeasures_the_card_and_its_chain_of_managers() {
    let mut chart = generate(300, 7);
    let mut cache = MeasureCache::default();
    let options = RenderOptions::default();
    build_checked(&chart, &options, &mut cache);
    let (leaf, above) = a_leaf(&chart);
    assert!(above >= 2, "a leaf deep enough to have a chain: {above}");
    edit(&mut chart, &leaf, |u| {
        u.headcount = Some(posts(1234.0));
    });
    assert_eq!(build_checked(&chart, &options, &mut cache), 1 + above);
}

type Change = Box<dyn Fn(&mut Unit)>;

#[test]
fn every_field_a_card_shows_invalidates_its_spec() {
    let chart = generate(300, 7);
    let (leaf, _) = a_leaf(&chart);
    let changes: Vec<(&str, Change)> = vec![
        ("name", Box::new(|u| u.name.push('!'))),
        (
            "role",
            Box::new(|u| u.role = "Acting head of everything".into()),
        ),
        (
            "department",
            Box::new(|u| u.department = "Somewhere new".into()),
        ),
        ("status", Box::new(|u| u.status = Status::Vacant)),
        ("kind", Box::new(|u| u.kind = UnitKind::Board)),
        ("headcount", Box::new(|u| u.headcount = Some(posts(77.0)))),
        (
            "cost",
            Box::new(|u| {
                u.cost = Some(Cost {
                    amount: Span::exact(123_456.0),
                    basis: CostBasis::Total,
                    on_cost_rate: None,
                    estimate: true,
                })
            }),
        ),
    ];
    for (field, change) in changes {
        let mut chart = chart.clone();
        let mut cache = MeasureCache::default();
        let options = RenderOptions::default();
        build_checked(&chart, &options, &mut cache);
        edit(&mut chart, &leaf, change);
        assert!(
            build_checked(&chart, &options, &mut cache) >= 1,
            "changing the {field} re-measured nothing"
        );
    }
}

#[test]
fn marks_colours_and_theme_invalidate_what_they_touch() {
    let chart = generate(300, 7);
    let (leaf, _) = a_leaf(&chart);
    let mut cache = MeasureCache::default();
    let mut options = RenderOptions::default();
    build_checked(&chart, &options, &mut cache);

    options.marks.insert(leaf.clone(), ChangeMark::Added);
    assert_eq!(build_checked(&chart, &options, &mut cache), 1, "one mark");
    options.marks.insert(leaf.clone(), ChangeMark::Moved);
    assert_eq!(
        build_checked(&chart, &options, &mut cache),
        1,
        "another mark"
    );

    options.colour_by = Some(ColourBy::Organisation);
    let coloured = build_checked(&chart, &options, &mut cache);
    assert!(
        coloured > 1,
        "colouring by organisation re-measured {coloured}"
    );
    assert_eq!(build_checked(&chart, &options, &mut cache), 0);

    options.theme = Theme::Dark;
    assert_eq!(
        build_checked(&chart, &options, &mut cache),
        chart.len(),
        "theme"
    );

    // What is not about cards keeps every spec.
    options.title = Some("Another title".into());
    options.legend = false;
    options.layout.orientation = crate::layout::Orientation::LeftRight;
    assert_eq!(
        build_checked(&chart, &options, &mut cache),
        0,
        "title, key, layout"
    );
}

#[test]
fn cached_builds_equal_fresh_builds_through_a_sequence_of_edits() {
    let mut chart = generate(400, 11);
    let mut cache = MeasureCache::default();
    let mut options = RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    };
    build_checked(&chart, &options, &mut cache);
    let root = chart.roots()[0].clone();
    let (leaf, _) = a_leaf(&chart);

    // Rename.
    edit(&mut chart, &leaf, |u| u.name = "Renamed".into());
    assert_eq!(build_checked(&chart, &options, &mut cache), 1);
    // Reparent under the root: the figures of both chains change, nothing else.
    let old_chain = chart.ancestors(&leaf).len();
    chart.move_unit(&leaf, Some(&root), None).unwrap();
    let moved = build_checked(&chart, &options, &mut cache);
    assert!(moved <= 1 + old_chain, "a reparent re-measured {moved}");
    // Add.
    let mut added = Unit::new("added-unit", "A new team");
    added.headcount = Some(posts(3.0));
    chart.insert_unit(added, Some(&leaf), None).unwrap();
    let after_add = build_checked(&chart, &options, &mut cache);
    assert!(after_add <= 3, "an add re-measured {after_add}");
    // Delete it again.
    chart.remove_leaf(&id("added-unit")).unwrap();
    build_checked(&chart, &options, &mut cache);
    assert_eq!(cache.len(), chart.forest(true).len());
    // Collapse a manager: its card shows the hidden count, the cards below leave the drawing and the cache.
    let manager = chart.children(&root)[0].clone();
    edit(&mut chart, &manager, |u| u.collapsed = true);
    build_checked(&chart, &options, &mut cache);
    assert_eq!(cache.len(), chart.forest(true).len());
    edit(&mut chart, &manager, |u| u.collapsed = false);
    build_checked(&chart, &options, &mut cache);
    // Theme, then a subtree view.
    options.theme = Theme::Dark;
    build_checked(&chart, &options, &mut cache);
    options.subtree = Some(manager);
    build_checked(&chart, &options, &mut cache);
    // A chart emptied and filled again.
    let empty = Chart::new();
    build_checked(&empty, &options, &mut cache);
    assert!(cache.is_empty());
    build_checked(&chart, &options, &mut cache);
}

#[test]
fn dense_cards_measure_a_post_again_when_it_gains_its_first_report() {
    use crate::render::CardStyle;
    let mut chart = Chart::new();
    chart
        .insert_unit(Unit::new("boss", "Boss"), None, None)
        .unwrap();
    let post = Unit::new("post", "A post").with_kind(UnitKind::Post);
    chart.insert_unit(post, Some(&id("boss")), None).unwrap();
    let options = RenderOptions {
        card_style: CardStyle::Dense,
        ..RenderOptions::default()
    };
    let mut cache = MeasureCache::default();
    build_checked(&chart, &options, &mut cache);
    // The report adds no posts, so the post's totals stay the same; but a manager's dense card shows them.
    chart
        .insert_unit(Unit::new("report", "Report"), Some(&id("post")), None)
        .unwrap();
    assert_eq!(
        build_checked(&chart, &options, &mut cache),
        2,
        "the report and the post"
    );
}

/// A manager in the middle of the chart (pre-order) with reports, and a root-level place to move it to.
fn a_middle_manager(chart: &Chart) -> UnitId {
    let forest = chart.forest(false);
    (forest.len() / 2..forest.len())
        .find(|&i| forest.children[i].len() >= 2 && forest.parent[i].is_some())
        .map(|i| forest.ids[i].clone())
        .expect("a generated chart has managers")
}

#[test]
fn cards_are_found_by_their_place_not_by_hashing_their_ids() {
    let mut chart = generate(2_000, 7);
    let mut cache = MeasureCache::default();
    let options = RenderOptions {
        respect_collapsed: true,
        ..RenderOptions::default()
    };
    build_checked(&chart, &options, &mut cache);
    assert_eq!(
        cache.hashed_lookups(),
        chart.len(),
        "a first build hashes every id"
    );
    // Unchanged and renamed: every card is where it was.
    build_checked(&chart, &options, &mut cache);
    assert_eq!(cache.hashed_lookups(), 0);
    let (leaf, _) = a_leaf(&chart);
    edit(&mut chart, &leaf, |u| u.name = "Renamed".into());
    assert_eq!(build_checked(&chart, &options, &mut cache), 1);
    assert_eq!(cache.hashed_lookups(), 0);
    // A whole subtree moved up to the top: the cards after it and in it shift, each run found by one hash.
    let manager = a_middle_manager(&chart);
    let root = chart.roots()[0].clone();
    chart.move_unit(&manager, Some(&root), Some(0)).unwrap();
    build_checked(&chart, &options, &mut cache);
    let hashed = cache.hashed_lookups();
    assert!(hashed <= 4, "a moved subtree hashed {hashed} ids");
    // Added and removed cards shift all that follow them.
    chart
        .insert_unit(Unit::new("added-unit", "A new team"), Some(&root), Some(0))
        .unwrap();
    build_checked(&chart, &options, &mut cache);
    assert!(cache.hashed_lookups() <= 4, "{}", cache.hashed_lookups());
    chart.remove_leaf(&id("added-unit")).unwrap();
    build_checked(&chart, &options, &mut cache);
    assert!(cache.hashed_lookups() <= 4, "{}", cache.hashed_lookups());
    assert_eq!(cache.len(), chart.len(), "the removed card left the cache");
    // Collapsing hides a subtree: the cards below it leave the drawing and the cache.
    edit(&mut chart, &manager, |u| u.collapsed = true);
    build_checked(&chart, &options, &mut cache);
    assert!(cache.hashed_lookups() <= 4, "{}", cache.hashed_lookups());
    assert_eq!(cache.len(), chart.forest(true).len());
}

#[test]
fn an_equal_chart_built_apart_is_found_by_hashing_and_drawn_the_same() {
    // Ids equal in text but not copies of one another: a pointer compare must not find them, the hash does.
    let chart = generate(300, 7);
    let mut cache = MeasureCache::default();
    let options = RenderOptions::default();
    build_checked(&chart, &options, &mut cache);
    let again = generate(300, 7);
    assert_eq!(build_checked(&again, &options, &mut cache), 0);
    assert_eq!(cache.hashed_lookups(), again.len());
}
