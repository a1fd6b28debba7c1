//! A realistic synthetic organogram pair (senior and junior staff files) for tests, benchmarks and looking
//! at large imports: a department with a permanent secretary, directors general, directors and deputy
//! directors, and thousands of junior rows, written in the published column layout with its usual content
//! (withheld names and pay as "N/D", vacant and eliminated posts, job shares, part-time FTE, commas inside
//! quoted titles).

use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;

#[derive(Clone, Debug)]
pub struct SyntheticOptions {
    pub seed: u64,
    /// Senior rows to write (at least 5).
    pub senior_posts: usize,
    /// Junior rows to write.
    pub junior_rows: usize,
    /// Plant the reference problems real files have, each worth exactly one import warning: a job share
    /// (a repeated post reference), a junior row naming its senior post in the wrong letter case, and a
    /// senior post reporting to a reference that is not in the file.
    pub quirks: bool,
}

impl Default for SyntheticOptions {
    fn default() -> Self {
        Self {
            seed: 7,
            senior_posts: 400,
            junior_rows: 3_000,
            quirks: true,
        }
    }
}

/// The two files as CSV text (UTF-8, CRLF line ends, header first).
#[derive(Clone, Debug)]
pub struct SyntheticOrganogram {
    pub senior_csv: String,
    pub junior_csv: String,
    /// How many warnings an import should report: the planted quirks.
    pub planted_warnings: usize,
}

const SENIOR_HEADER: [&str; 18] = [
    "Post Unique Reference",
    "Name",
    "Grade (or equivalent)",
    "Job Title",
    "Job/Team Function",
    "Parent Department",
    "Organisation",
    "Unit",
    "Contact Phone",
    "Contact E-mail",
    "Reports to Senior Post",
    "Salary Cost of Reports (£)",
    "FTE",
    "Actual Pay Floor (£)",
    "Actual Pay Ceiling (£)",
    "Professional/Occupational Group",
    "Notes",
    "Valid?",
];

const JUNIOR_HEADER: [&str; 10] = [
    "Parent Department",
    "Organisation",
    "Unit",
    "Reporting Senior Post",
    "Grade",
    "Payscale Minimum (£)",
    "Payscale Maximum (£)",
    "Generic Job Title",
    "Number of Posts in FTE",
    "Professional/Occupational Group",
];

const DEPARTMENT: &str = "Department for Regional Delivery";
const GROUP_PREFIXES: [&str; 8] = ["CX", "OP", "PL", "FC", "DT", "HR", "LG", "ST"];
const GROUPS: [&str; 8] = [
    "Corporate Services",
    "Operations",
    "Policy, Strategy and Analysis",
    "Finance and Commercial",
    "Digital and Technology",
    "People and Capability",
    "Legal",
    "Strategy and Delivery",
];
const TOPICS: [&str; 24] = [
    "Housing",
    "Planning",
    "Local Growth",
    "Transport Links",
    "Skills",
    "Communities",
    "Resilience",
    "Data",
    "Procurement",
    "Estates",
    "Audit and Risk",
    "Communications",
    "Parliamentary Business",
    "Analysis",
    "Fire Safety",
    "Building Regulation",
    "Homelessness",
    "Devolution",
    "Regeneration",
    "Grants",
    "Coastal Towns",
    "Rural Affairs",
    "Net Zero",
    "Internal Governance",
];
const FIRST_NAMES: [&str; 20] = [
    "Alex", "Priya", "John", "Fiona", "Kwame", "Helen", "Tom", "Aisha", "David", "Sarah", "Ravi",
    "Clare", "Michael", "Joanna", "Owen", "Nadia", "Peter", "Grace", "Liam", "Ruth",
];
const LAST_NAMES: [&str; 20] = [
    "Smith", "Patel", "O'Brien", "Jones", "Mensah", "Williams", "Taylor", "Khan", "Brown",
    "Davies", "Evans", "Wilson", "Thomas", "Roberts", "Hughes", "Walker", "Wright", "Green",
    "Hall", "Lewis",
];
const PROFESSIONS: [&str; 8] = [
    "Policy",
    "Operational Delivery",
    "Finance",
    "Digital, Data and Technology",
    "Human Resources",
    "Legal",
    "Communications",
    "Project Delivery",
];
/// Junior grades with realistic payscales.
const JUNIOR_GRADES: [(&str, u32, u32); 7] = [
    ("AA", 16_900, 18_700),
    ("AO", 18_600, 21_400),
    ("EO", 22_700, 26_900),
    ("HEO", 26_500, 33_100),
    ("SEO", 31_500, 38_800),
    ("Grade 7", 45_000, 57_300),
    ("Grade 6", 56_300, 71_400),
];
const JUNIOR_TITLES: [&str; 16] = [
    "Policy Adviser",
    "Senior Policy Adviser",
    "Business Support",
    "Case Officer",
    "Analyst",
    "Project Manager",
    "Finance Officer",
    "Team Leader",
    "Communications Officer",
    "Caseworker",
    "Lawyer",
    "Private Secretary",
    "Data Engineer",
    "HR Business Partner",
    "Contract Manager",
    "Administrative Officer",
];

struct SeniorPost {
    reference: String,
    grade: &'static str,
    title: String,
    unit: String,
    reports_to: String,
    group: usize,
}

/// Generates a pair; the same options always give the same bytes.
pub fn generate(options: &SyntheticOptions) -> SyntheticOrganogram {
    let mut rng = ChaCha8Rng::seed_from_u64(options.seed);
    // The planted job share writes one post twice.
    let post_count = options.senior_posts.max(5) - usize::from(options.quirks);
    let posts = senior_structure(post_count, &mut rng);
    let mut planted_warnings = 0;

    let mut junior_rows: Vec<[String; 10]> = Vec::with_capacity(options.junior_rows);
    let managers: Vec<usize> = (0..posts.len())
        .filter(|&i| matches!(posts[i].grade, "SCS1" | "SCS2"))
        .collect();
    let mut reports_cost = vec![0.0_f64; posts.len()];
    for n in 0..options.junior_rows {
        let manager = managers[rng.random_range(0..managers.len())];
        let (grade, min, max) = JUNIOR_GRADES[rng.random_range(0..JUNIOR_GRADES.len())];
        let fte: f64 = if rng.random_bool(0.8) {
            f64::from(rng.random_range(1..=12_u32))
        } else {
            f64::from(rng.random_range(50..=1_500_u32)) / 100.0
        };
        reports_cost[manager] += fte * f64::from(min + max) / 2.0;
        let mut reference = posts[manager].reference.clone();
        if options.quirks && n == options.junior_rows / 2 {
            reference = reference.to_lowercase();
            planted_warnings += 1;
        }
        junior_rows.push([
            DEPARTMENT.to_owned(),
            DEPARTMENT.to_owned(),
            posts[manager].unit.clone(),
            reference,
            grade.to_owned(),
            min.to_string(),
            max.to_string(),
            JUNIOR_TITLES[rng.random_range(0..JUNIOR_TITLES.len())].to_owned(),
            trim_number(fte),
            PROFESSIONS[posts[manager].group % PROFESSIONS.len()].to_owned(),
        ]);
    }

    let mut senior_rows: Vec<Vec<String>> = Vec::with_capacity(posts.len() + 1);
    let share_at = posts.len() / 3;
    for (i, post) in posts.iter().enumerate() {
        let mut row = senior_row(post, reports_cost[i], &mut rng);
        if options.quirks && i == posts.len() - 1 {
            row[10] = "ZZ999".to_owned();
            planted_warnings += 1;
        }
        if options.quirks && i == share_at {
            // A job share: the same post twice, half each.
            row[12] = "0.5".to_owned();
            let mut partner = row.clone();
            partner[1] = person(&mut rng);
            senior_rows.push(row);
            senior_rows.push(partner);
            planted_warnings += 1;
            continue;
        }
        senior_rows.push(row);
    }
    SyntheticOrganogram {
        senior_csv: write_csv(&SENIOR_HEADER, senior_rows.iter().map(|r| r.as_slice())),
        junior_csv: write_csv(&JUNIOR_HEADER, junior_rows.iter().map(|r| r.as_slice())),
        planted_warnings,
    }
}

fn senior_structure(count: usize, rng: &mut ChaCha8Rng) -> Vec<SeniorPost> {
    let groups = (count / 40).clamp(2, GROUPS.len());
    let directors = ((count as f64 * 0.25) as usize).max(groups);
    let mut posts = vec![SeniorPost {
        reference: "1".to_owned(),
        grade: "SCS4",
        title: "Permanent Secretary".to_owned(),
        unit: "Permanent Secretary's Office".to_owned(),
        reports_to: "XX".to_owned(),
        group: 0,
    }];
    let mut numbers = vec![0_usize; GROUPS.len()];
    let mut next_reference = |group: usize| {
        numbers[group] += 1;
        format!("{}{}", GROUP_PREFIXES[group], numbers[group])
    };
    for (group, group_name) in GROUPS.iter().enumerate().take(groups) {
        posts.push(SeniorPost {
            reference: next_reference(group),
            grade: "SCS3",
            title: format!("Director General, {group_name}"),
            unit: (*group_name).to_owned(),
            reports_to: "1".to_owned(),
            group,
        });
    }
    let director_start = posts.len();
    for n in 0..directors {
        let group = n % groups;
        let topic = TOPICS[(n + group * 5) % TOPICS.len()];
        posts.push(SeniorPost {
            reference: next_reference(group),
            grade: "SCS2",
            title: format!("Director, {topic}"),
            unit: format!("{topic} Directorate"),
            reports_to: posts[1 + group].reference.clone(),
            group,
        });
    }
    let director_end = posts.len();
    while posts.len() < count {
        let director = rng.random_range(director_start..director_end);
        let group = posts[director].group;
        let topic = TOPICS[rng.random_range(0..TOPICS.len())];
        let unit = posts[director].unit.clone();
        posts.push(SeniorPost {
            reference: next_reference(group),
            grade: "SCS1",
            title: format!("Deputy Director, {topic}"),
            unit,
            reports_to: posts[director].reference.clone(),
            group,
        });
    }
    posts.truncate(count);
    posts
}

fn person(rng: &mut ChaCha8Rng) -> String {
    format!(
        "{} {}",
        FIRST_NAMES[rng.random_range(0..FIRST_NAMES.len())],
        LAST_NAMES[rng.random_range(0..LAST_NAMES.len())]
    )
}

fn senior_row(post: &SeniorPost, reports_cost: f64, rng: &mut ChaCha8Rng) -> Vec<String> {
    let (band_low, band_high) = match post.grade {
        "SCS4" => (180_000, 200_000),
        "SCS3" => (120_000, 160_000),
        "SCS2" => (90_000, 125_000),
        _ => (65_000, 95_000),
    };
    let floor = rng.random_range(band_low / 5_000..=band_high / 5_000) * 5_000;
    let roll: f64 = rng.random();
    let (name, withheld_pay, pay_zero) = if roll < 0.04 {
        ("Vacant".to_owned(), false, true)
    } else if roll < 0.05 {
        ("ELIMINATED".to_owned(), false, true)
    } else if post.grade == "SCS1" && roll < 0.25 {
        ("N/D".to_owned(), rng.random_bool(0.7), false)
    } else {
        (person(rng), false, false)
    };
    let (floor_text, ceiling_text) = if withheld_pay {
        ("N/D".to_owned(), "N/D".to_owned())
    } else if pay_zero {
        ("0".to_owned(), "0".to_owned())
    } else {
        (floor.to_string(), (floor + 4_999).to_string())
    };
    let fte = if rng.random_bool(0.9) {
        "1".to_owned()
    } else {
        ["0.8", "0.6", "0.9", "0.5", "0.81"][rng.random_range(0..5)].to_owned()
    };
    vec![
        post.reference.clone(),
        name,
        post.grade.to_owned(),
        post.title.clone(),
        format!(
            "Leads the {} work of the department, its people, budget and delivery.",
            post.unit
        ),
        DEPARTMENT.to_owned(),
        DEPARTMENT.to_owned(),
        post.unit.clone(),
        "0300 123 4567".to_owned(),
        "enquiries@regional-delivery.example.gov.uk".to_owned(),
        post.reports_to.clone(),
        format!("{}", reports_cost.round()),
        fte,
        floor_text,
        ceiling_text,
        PROFESSIONS[post.group % PROFESSIONS.len()].to_owned(),
        String::new(),
        "1".to_owned(),
    ]
}

fn trim_number(value: f64) -> String {
    format!("{value}")
}

fn write_csv<'a>(header: &[&str], rows: impl Iterator<Item = &'a [String]>) -> String {
    let mut out = String::new();
    let mut line = |cells: &mut dyn Iterator<Item = &str>| {
        let quoted: Vec<String> = cells
            .map(|cell| {
                if cell.contains([',', '"', '\n', '\r']) {
                    format!("\"{}\"", cell.replace('"', "\"\""))
                } else {
                    cell.to_owned()
                }
            })
            .collect();
        out.push_str(&quoted.join(","));
        out.push_str("\r\n");
    };
    line(&mut header.iter().copied());
    for row in rows {
        line(&mut row.iter().map(String::as_str));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_same_files_and_asked_sizes() {
        let options = SyntheticOptions {
            senior_posts: 120,
            junior_rows: 500,
            ..SyntheticOptions::default()
        };
        let a = generate(&options);
        let b = generate(&options);
        assert_eq!(a.senior_csv, b.senior_csv);
        assert_eq!(a.junior_csv, b.junior_csv);
        assert_eq!(a.senior_csv.lines().count(), 1 + 120);
        assert_eq!(a.junior_csv.lines().count(), 1 + 500);
        assert_eq!(a.planted_warnings, 3);
        assert!(
            a.senior_csv.contains(",\"Director, "),
            "titles with commas are quoted"
        );
    }
}
