use super::*;
use crate::model::Forest;

fn forest(parents: &[Option<usize>]) -> Forest {
    Forest::from_parents(parents)
}

/// A top unit, `branches` managers under it, each with `teams` team leaders of `posts` posts each.
fn organisation(branches: usize, teams: usize, posts: usize) -> Vec<Option<usize>> {
    let mut parents = vec![None];
    for _ in 0..branches {
        let branch = parents.len();
        parents.push(Some(0));
        for _ in 0..teams {
            let team = parents.len();
            parents.push(Some(branch));
            parents.extend(std::iter::repeat_n(Some(team), posts));
        }
    }
    parents
}

const CARD: Size = Size::new(180.0, 70.0);

/// The layouts pages are tried with, as the export has them: auto-fit to the page's shape, then the
/// compact view.
fn layouts_for(capacity: Size) -> [LayoutOptions; 2] {
    [
        LayoutOptions {
            target_aspect: Some(capacity.w / capacity.h),
            ..LayoutOptions::default()
        },
        LayoutOptions {
            compact: true,
            ..LayoutOptions::default()
        },
    ]
}

fn paginate_with(forest: &Forest, links: &[PageLink], capacity: Size) -> Pagination {
    let sizes = vec![CARD; forest.len()];
    let layouts = layouts_for(capacity);
    let card_size = |_: &PageNode| Size::new(200.0, 60.0);
    paginate(&PageRequest {
        forest,
        sizes: &sizes,
        links,
        layouts: &layouts,
        capacity,
        card_size: &card_size,
    })
}

/// Every unit is a full card on exactly one page, the page `page_of` names.
fn assert_every_unit_once(forest: &Forest, pagination: &Pagination) {
    let mut seen = vec![0; forest.len()];
    for (p, page) in pagination.pages.iter().enumerate() {
        for u in page.units() {
            seen[u] += 1;
            assert_eq!(pagination.page_of[u], p, "unit {u}");
        }
        assert_eq!(page.nodes.len(), page.parent.len());
        for (i, parent) in page.parent.iter().enumerate() {
            assert!(parent.is_none_or(|p| p < i), "pre-order on page {p}");
        }
    }
    assert!(seen.iter().all(|&count| count == 1), "{seen:?}");
}

/// Every group of the page, laid out as pagination lays it out, fits its slot, and the slots lie inside the
/// page's capacity without overlapping.
/// A stub never says "continued on page 5" on page 5, nor a continued list "from page 5" there.
fn assert_no_page_sends_the_reader_to_itself(pagination: &Pagination) {
    for (p, page) in pagination.pages.iter().enumerate() {
        for node in &page.nodes {
            let names_its_own_page = match *node {
                PageNode::Stub { page, .. } | PageNode::Reference { page, .. } => page == p,
                PageNode::Continued { from_page, .. } => from_page == p,
                PageNode::Unit(_) => false,
            };
            assert!(!names_its_own_page, "page {p}: {node:?}");
        }
        for group in &page.groups {
            assert_ne!(
                group.from_page,
                Some(p),
                "page {p}: a group continues from its own page"
            );
        }
    }
}

fn page_fits(page: &Page, capacity: Size) -> bool {
    let layouts = layouts_for(capacity);
    let source = Forest::default();
    for (g, group) in page.groups.iter().enumerate() {
        let sizes: Vec<Size> = page.nodes[group.nodes.clone()]
            .iter()
            .map(|node| match node {
                PageNode::Unit(_) => CARD,
                _ => Size::new(200.0, 60.0),
            })
            .collect();
        let layout = &layouts[group.layout];
        let placed = crate::layout::layout(&page.group_forest(group, &source), &sizes, &[], layout);
        let slot = group.slot;
        if placed.bounds.w + ROUTE_ROOM > slot.w + 0.01
            || placed.bounds.h + ROUTE_ROOM + LABEL_ROOM > slot.h + 0.01
            || slot.x < -0.01
            || slot.y < -0.01
            || slot.right() > capacity.w + 0.01
            || slot.bottom() > capacity.h + 0.01
        {
            return false;
        }
        for other in &page.groups[g + 1..] {
            let b = other.slot;
            let apart = slot.right() <= b.x
                || b.right() <= slot.x
                || slot.bottom() <= b.y
                || b.bottom() <= slot.y;
            if !apart {
                return false;
            }
        }
    }
    true
}

/// The group headed by `unit` (its first part), and the page it is on.
fn group_of(pagination: &Pagination, unit: usize) -> Option<(usize, &Group)> {
    pagination.pages.iter().enumerate().find_map(|(p, page)| {
        page.groups
            .iter()
            .find(|g| g.top == Some(unit) && g.part.is_none_or(|(part, _)| part == 1))
            .map(|g| (p, g))
    })
}

/// The group holding node `i` of `page`.
fn group_at(page: &Page, i: usize) -> &Group {
    page.groups.iter().find(|g| g.nodes.contains(&i)).unwrap()
}

#[test]
fn a_small_chart_is_one_page() {
    let forest = forest(&organisation(2, 2, 2));
    let pagination = paginate_with(&forest, &[], Size::new(5000.0, 3000.0));
    assert_eq!(pagination.pages.len(), 1);
    assert_every_unit_once(&forest, &pagination);
    assert_no_page_sends_the_reader_to_itself(&pagination);
    assert_eq!(pagination.pages[0].first().top, Some(0));
    assert!(pagination.pages[0].first().chain.is_empty());
    assert_eq!(pagination.pages[0].first().from_page, None);
}

#[test]
fn big_branches_continue_on_pages_their_stubs_name() {
    let forest = forest(&organisation(6, 4, 6));
    let capacity = Size::new(1400.0, 800.0);
    let pagination = paginate_with(&forest, &[], capacity);
    assert!(pagination.pages.len() > 3, "{}", pagination.pages.len());
    assert_every_unit_once(&forest, &pagination);
    assert_no_page_sends_the_reader_to_itself(&pagination);
    assert_eq!(
        pagination.pages[0].first().top,
        Some(0),
        "page 1 is the top"
    );
    let mut stubs = 0;
    for (p, page) in pagination.pages.iter().enumerate() {
        assert!(page_fits(page, capacity), "page {p} is too big");
        for (i, node) in page.nodes.iter().enumerate() {
            if let PageNode::Stub { unit, page: target } = *node {
                stubs += 1;
                let (at, continued) = group_of(&pagination, unit).expect("a group for the stub");
                assert_eq!(at, target, "the stub's page holds its branch");
                assert_eq!(continued.from_page, Some(p), "and says where it came from");
                assert_eq!(continued.outline_parent, Some(group_at(page, i).number));
                assert!(target >= p, "continuations never come earlier");
                assert_eq!(pagination.page_of[unit], target);
                // The chain above the branch is its managers, from the top down.
                let mut chain = Vec::new();
                let mut at = forest.parent[unit];
                while let Some(m) = at {
                    chain.push(m);
                    at = forest.parent[m];
                }
                chain.reverse();
                assert_eq!(continued.chain, chain);
            }
        }
    }
    let groups: usize = pagination.pages.iter().map(|p| p.groups.len()).sum();
    assert_eq!(stubs, groups - 1, "every group but the first has one stub");
}

#[test]
fn a_manager_with_too_many_reports_continues_them_over_pages() {
    let mut parents = vec![None];
    parents.extend(std::iter::repeat_n(Some(0), 300));
    let forest = forest(&parents);
    let capacity = Size::new(1400.0, 800.0);
    let pagination = paginate_with(&forest, &[], capacity);
    assert_every_unit_once(&forest, &pagination);
    assert_no_page_sends_the_reader_to_itself(&pagination);
    let pages = &pagination.pages;
    assert_eq!(pages[0].nodes[0], PageNode::Unit(0));
    for (p, page) in pages.iter().enumerate() {
        assert!(page_fits(page, capacity), "page {p}");
    }
    // The parts in order, each with the page it is on; parts may share a page.
    let parts: Vec<(usize, &Group)> = pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| page.groups.iter().map(move |g| (p, g)))
        .collect();
    assert!(parts.len() >= 3, "{}", parts.len());
    for (k, &(p, group)) in parts.iter().enumerate() {
        assert_eq!(group.part, Some((k + 1, parts.len())));
        let page = &pages[p];
        if k > 0 {
            let before = parts[k - 1].0;
            assert_eq!(
                page.nodes[group.nodes.start],
                PageNode::Continued {
                    unit: 0,
                    from_page: before
                }
            );
            assert_eq!(group.from_page, Some(before));
            assert!(p >= before);
        }
    }
    // The continued parts are shared out evenly, not full pages and a last card on its own.
    let sizes: Vec<usize> = parts[1..]
        .iter()
        .map(|(p, g)| {
            pages[*p].nodes[g.nodes.clone()]
                .iter()
                .filter(|n| matches!(n, PageNode::Unit(_)))
                .count()
        })
        .collect();
    let (least, most) = (sizes.iter().min().unwrap(), sizes.iter().max().unwrap());
    assert!(most - least <= 2, "{sizes:?}");
    // The reports stay in their order across the parts.
    let order: Vec<usize> = pages.iter().flat_map(|p| p.units()).collect();
    assert_eq!(order, (0..forest.len()).collect::<Vec<_>>());
}

#[test]
fn links_across_pages_end_in_references_on_both_sides() {
    let forest = forest(&organisation(6, 4, 6));
    let last = forest.len() - 1;
    let links = [
        // Far apart: the second post of the first team and the last post of the last branch.
        PageLink {
            from: 3,
            to: last,
            kind: LinkKind::Dotted,
        },
        // Side by side in one team.
        PageLink {
            from: 3,
            to: 4,
            kind: LinkKind::Contract,
        },
    ];
    let pagination = paginate_with(&forest, &links, Size::new(1400.0, 800.0));
    assert_every_unit_once(&forest, &pagination);
    assert_no_page_sends_the_reader_to_itself(&pagination);
    let (a, b) = (pagination.page_of[3], pagination.page_of[last]);
    assert_ne!(a, b);
    assert_eq!(pagination.page_of[3], pagination.page_of[4]);
    let references: Vec<(usize, usize, PageNode)> = pagination
        .pages
        .iter()
        .enumerate()
        .flat_map(|(p, page)| {
            page.nodes
                .iter()
                .enumerate()
                .filter(|(_, node)| matches!(node, PageNode::Reference { .. }))
                .map(move |(i, node)| (p, i, *node))
        })
        .collect();
    assert_eq!(references.len(), 2, "{references:?}");
    for (p, i, node) in references {
        let PageNode::Reference { link, other, page } = node else {
            unreachable!()
        };
        assert_eq!(link, 0, "only the link across pages gets references");
        let owner = pagination.pages[p].parent[i].unwrap();
        let PageNode::Unit(owner) = pagination.pages[p].nodes[owner] else {
            panic!("a reference hangs from a unit")
        };
        assert_eq!(
            pagination.page_of[other], page,
            "it names the other end's page"
        );
        assert_eq!(pagination.page_of[owner], p);
        assert!((owner, other) == (3, last) || (owner, other) == (last, 3));
    }
}

#[test]
fn several_organisations_share_the_first_page_when_they_fit() {
    let mut parents = organisation(1, 1, 2);
    let second = parents.len();
    parents.push(None);
    parents.push(Some(second));
    let forest = forest(&parents);
    let pagination = paginate_with(&forest, &[], Size::new(5000.0, 3000.0));
    assert_eq!(pagination.pages.len(), 1);
    assert_eq!(pagination.pages[0].first().top, None);
    assert_every_unit_once(&forest, &pagination);
    assert_no_page_sends_the_reader_to_itself(&pagination);
}

#[test]
fn the_biggest_organisation_starts_the_document_when_several_do_not_fit_together() {
    // A small organisation first, then a big one that fills pages of its own.
    let mut parents = organisation(1, 1, 2);
    let big = parents.len();
    parents.extend(
        organisation(6, 4, 6)
            .into_iter()
            .map(|p| Some(p.map_or(big, |p| p + big))),
    );
    parents[big] = None;
    let forest = forest(&parents);
    let pagination = paginate_with(&forest, &[], Size::new(1400.0, 800.0));
    assert_every_unit_once(&forest, &pagination);
    assert_no_page_sends_the_reader_to_itself(&pagination);
    assert_eq!(pagination.page_of[big], 0, "page 1 holds the big one's top");
    assert!(pagination.pages.len() > 2);
}

#[test]
fn an_empty_forest_has_no_pages() {
    let pagination = paginate_with(&Forest::default(), &[], Size::new(100.0, 100.0));
    assert!(pagination.pages.is_empty());
}

#[test]
fn small_cut_branches_share_pages_each_with_its_own_heading() {
    // Thirty small branches under one top: far too many to hang from the top's page, each small.
    let forest = forest(&organisation(30, 1, 3));
    let capacity = Size::new(1400.0, 800.0);
    let pagination = paginate_with(&forest, &[], capacity);
    assert_every_unit_once(&forest, &pagination);
    assert_no_page_sends_the_reader_to_itself(&pagination);
    let groups: usize = pagination.pages.iter().map(|p| p.groups.len()).sum();
    assert!(groups > 10, "{groups} groups");
    // Each page holds several of them, not one strip each.
    assert!(
        pagination.pages.len() * 4 <= groups,
        "{} pages for {groups} groups",
        pagination.pages.len()
    );
    for (p, page) in pagination.pages.iter().enumerate() {
        assert!(page_fits(page, capacity), "page {p}");
        for group in page.groups.iter().filter(|g| g.top != Some(0)) {
            assert_eq!(group.chain, vec![0], "each group names the chain above it");
            let stub_page = group.from_page.expect("and the page of its stub");
            assert!(pagination.pages[stub_page].nodes.iter().any(
                |n| matches!(n, PageNode::Stub { unit, page } if Some(*unit) == group.top && *page == p)
            ));
        }
    }
    let cards: usize = pagination.pages.iter().map(|p| p.nodes.len()).sum();
    assert!(
        cards / pagination.pages.len() >= 25,
        "{cards} cards on {} pages",
        pagination.pages.len()
    );
}

#[test]
fn page_forests_keep_each_units_placer_and_staff_flag() {
    use crate::model::Placer;
    // A manager with twelve posts the user asked to see as a grid, and an adviser beside the line.
    let mut parents = vec![None, Some(0)];
    parents.extend(std::iter::repeat_n(Some(1), 12));
    parents.push(Some(0));
    let mut source = forest(&parents);
    source.placer = vec![Placer::Auto; source.len()];
    source.staff = vec![false; source.len()];
    source.placer[1] = Placer::Grid;
    let adviser = source.len() - 1;
    source.staff[adviser] = true;
    let pagination = paginate_with(&source, &[], Size::new(5000.0, 3000.0));
    assert_eq!(pagination.pages.len(), 1);
    let page = &pagination.pages[0];
    let on_page = page.group_forest(&page.groups[0], &source);
    let at = |u: usize| {
        page.nodes
            .iter()
            .position(|n| *n == PageNode::Unit(u))
            .unwrap()
    };
    assert_eq!(on_page.placer[at(1)], Placer::Grid);
    assert!(on_page.staff[at(adviser)]);
    assert!(!on_page.staff[at(1)]);
    assert_eq!(on_page.ids[at(1)], source.ids[1]);
    // The grid is what the page lays out: the twelve posts take several rows.
    let sizes = vec![CARD; on_page.len()];
    let placed = crate::layout::layout(&on_page, &sizes, &[], &LayoutOptions::default());
    let rows: std::collections::BTreeSet<i64> = (2..14)
        .map(|u| placed.rects[at(u)].y.round() as i64)
        .collect();
    assert!(rows.len() > 1, "{rows:?}");
}
