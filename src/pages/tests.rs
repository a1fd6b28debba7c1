use super::*;
use crate::model::Forest;

#[allow(clippy::needless_update)]
/// A forest from each unit's parent (units listed in pre-order).
fn forest(parents: &[Option<usize>]) -> Forest {
    let n = parents.len();
    let mut forest = Forest {
        ids: (0..n).map(|i| UnitId::new(format!("u{i}"))).collect(),
        parent: parents.to_vec(),
        children: vec![Vec::new(); n],
        roots: Vec::new(),
        hidden_below: vec![0; n],
        ..Forest::default()
    };
    for (i, p) in parents.iter().enumerate() {
        match p {
            Some(p) => forest.children[*p].push(i),
            None => forest.roots.push(i),
        }
    }
    forest
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

fn paginate_with(forest: &Forest, links: &[PageLink], capacity: Size) -> Pagination {
    let sizes = vec![CARD; forest.len()];
    let layouts = [LayoutOptions {
        compact: true,
        ..LayoutOptions::default()
    }];
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

fn page_fits(page: &Page, capacity: Size) -> bool {
    let request_sizes: Vec<Size> = page
        .nodes
        .iter()
        .map(|node| match node {
            PageNode::Unit(_) => CARD,
            _ => Size::new(200.0, 60.0),
        })
        .collect();
    let layout = LayoutOptions {
        compact: true,
        ..LayoutOptions::default()
    };
    let placed = crate::layout::layout(&page.forest(&[]), &request_sizes, &[], &layout);
    placed.bounds.w + ROUTE_ROOM <= capacity.w && placed.bounds.h + ROUTE_ROOM <= capacity.h
}

#[test]
fn a_small_chart_is_one_page() {
    let forest = forest(&organisation(2, 2, 2));
    let pagination = paginate_with(&forest, &[], Size::new(5000.0, 3000.0));
    assert_eq!(pagination.pages.len(), 1);
    assert_every_unit_once(&forest, &pagination);
    assert_eq!(pagination.pages[0].top, Some(0));
    assert!(pagination.pages[0].chain.is_empty());
    assert_eq!(pagination.pages[0].from_page, None);
}

#[test]
fn big_branches_continue_on_pages_their_stubs_name() {
    let forest = forest(&organisation(6, 4, 6));
    let capacity = Size::new(1400.0, 800.0);
    let pagination = paginate_with(&forest, &[], capacity);
    assert!(pagination.pages.len() > 3, "{}", pagination.pages.len());
    assert_every_unit_once(&forest, &pagination);
    assert_eq!(pagination.pages[0].top, Some(0), "page 1 is the top");
    let mut stubs = 0;
    for (p, page) in pagination.pages.iter().enumerate() {
        assert!(page_fits(page, capacity), "page {p} is too big");
        for node in &page.nodes {
            if let PageNode::Stub { unit, page: target } = *node {
                stubs += 1;
                let continued = &pagination.pages[target];
                assert_eq!(
                    continued.top,
                    Some(unit),
                    "the stub's page holds its branch"
                );
                assert_eq!(continued.from_page, Some(p), "and says where it came from");
                assert_eq!(continued.outline_parent, Some(p));
                assert!(target > p, "continuations come later");
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
    assert_eq!(
        stubs,
        pagination.pages.len() - 1,
        "every page but the first has one stub"
    );
}

#[test]
fn a_manager_with_too_many_reports_continues_them_over_pages() {
    let mut parents = vec![None];
    parents.extend(std::iter::repeat_n(Some(0), 300));
    let forest = forest(&parents);
    let capacity = Size::new(1400.0, 800.0);
    let pagination = paginate_with(&forest, &[], capacity);
    assert_every_unit_once(&forest, &pagination);
    let pages = &pagination.pages;
    assert!(pages.len() >= 3, "{}", pages.len());
    assert_eq!(pages[0].nodes[0], PageNode::Unit(0));
    for (p, page) in pages.iter().enumerate() {
        assert!(page_fits(page, capacity), "page {p}");
        assert_eq!(page.part, Some((p + 1, pages.len())));
        if p > 0 {
            assert_eq!(
                page.nodes[0],
                PageNode::Continued {
                    unit: 0,
                    from_page: p - 1
                }
            );
            assert_eq!(page.from_page, Some(p - 1));
        }
    }
    // The continued parts are shared out evenly, not full pages and a last card on its own.
    let sizes: Vec<usize> = pages[1..].iter().map(|p| p.units().count()).collect();
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
    assert_eq!(pagination.pages[0].top, None);
    assert_every_unit_once(&forest, &pagination);
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
    assert_eq!(pagination.page_of[big], 0, "page 1 holds the big one's top");
    assert!(pagination.pages.len() > 2);
}

#[test]
fn an_empty_forest_has_no_pages() {
    let pagination = paginate_with(&Forest::default(), &[], Size::new(100.0, 100.0));
    assert!(pagination.pages.is_empty());
}
