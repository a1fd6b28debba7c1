//! Word lists for synthetic charts: the vocabulary of a UK council, so generated charts read like real ones.

pub const PLACES: &[&str] = &[
    "Northbridge",
    "Eastvale",
    "Westmere",
    "Ashford Vale",
    "Kingsbury",
    "Riverside",
    "Highcliffe",
    "Thornbury",
    "Millbrook",
    "Southmoor",
    "Fernley",
    "Oakhampton",
];

pub const COUNCIL_TYPES: &[&str] = &["Council", "Borough Council", "County Council"];

/// A directorate and the services found in it.
pub struct Area {
    pub name: &'static str,
    pub services: &'static [&'static str],
}

pub const AREAS: &[Area] = &[
    Area {
        name: "Adults & Health",
        services: &[
            "Adult Social Care",
            "Safeguarding Adults",
            "Reablement",
            "Mental Health",
            "Learning Disabilities",
            "Public Health",
            "Adults Commissioning",
            "Occupational Therapy",
            "Day Services",
        ],
    },
    Area {
        name: "Children's Services",
        services: &[
            "Early Help",
            "Children in Care",
            "Fostering",
            "Adoption",
            "Youth Services",
            "SEND",
            "School Improvement",
            "Education Welfare",
            "Children's Commissioning",
        ],
    },
    Area {
        name: "Place & Environment",
        services: &[
            "Highways",
            "Planning",
            "Building Control",
            "Waste & Recycling",
            "Parks & Open Spaces",
            "Parking",
            "Transport",
            "Regeneration",
            "Environmental Health",
            "Trading Standards",
        ],
    },
    Area {
        name: "Housing & Communities",
        services: &[
            "Housing Options",
            "Homelessness",
            "Tenancy Management",
            "Community Safety",
            "Libraries",
            "Leisure",
            "Culture & Heritage",
        ],
    },
    Area {
        name: "Resources",
        services: &[
            "Finance",
            "Human Resources",
            "ICT",
            "Legal Services",
            "Procurement",
            "Internal Audit",
            "Revenues & Benefits",
            "Property",
            "Payroll",
        ],
    },
    Area {
        name: "Strategy & Performance",
        services: &[
            "Policy",
            "Performance & Insight",
            "Communications",
            "Democratic Services",
            "Elections",
            "Emergency Planning",
            "Strategic Commissioning",
        ],
    },
    Area {
        name: "Customer & Digital",
        services: &[
            "Customer Services",
            "Digital Services",
            "Registration Services",
            "Complaints",
            "Information Governance",
        ],
    },
];

/// Services whose managers commission others' work: the client side of contract links.
pub const COMMISSIONING_WORDS: &[&str] = &["Commissioning", "Procurement"];

/// Qualifiers for sections within a service.
pub const SECTIONS: &[&str] = &[
    "North",
    "South",
    "East",
    "West",
    "Central",
    "Operations",
    "Projects",
    "Quality",
    "Business Support",
    "Assessment",
    "Development",
    "Locality 1",
    "Locality 2",
    "Duty",
    "Hub",
];

/// Large front-line teams of identical posts: (team, post).
pub const WIDE_TEAMS: &[(&str, &str)] = &[
    ("Contact Centre", "Customer Adviser"),
    ("Home Care", "Care Worker"),
    ("Refuse Collection", "Refuse Loader"),
    ("Street Cleansing", "Street Cleansing Operative"),
    ("Library Network", "Library Assistant"),
    ("School Crossing Patrols", "Crossing Patrol Officer"),
    ("Residential Care", "Care Assistant"),
    ("Civil Enforcement", "Civil Enforcement Officer"),
];

/// Post titles below team leaders; combined with the service name ("Highways Officer").
pub const POST_TITLES: &[&str] = &[
    "Officer",
    "Senior Officer",
    "Assistant",
    "Adviser",
    "Coordinator",
    "Analyst",
    "Practitioner",
    "Specialist",
    "Support Officer",
    "Apprentice",
    "Project Officer",
    "Business Partner",
];

pub const FIRST_NAMES: &[&str] = &[
    "Amira", "Ben", "Chloe", "Daniel", "Ewa", "Farid", "Grace", "Harjit", "Imogen", "Jamal",
    "Kate", "Liam", "Maya", "Nikhil", "Olivia", "Piotr", "Queenie", "Rhys", "Sana", "Tom", "Uma",
    "Victor", "Wendy", "Yusuf", "Zoe", "Aisha", "Callum", "Deborah", "Gareth", "Priya",
];

pub const LAST_NAMES: &[&str] = &[
    "Adeyemi",
    "Brown",
    "Campbell",
    "Davies",
    "Evans",
    "Fraser",
    "Green",
    "Hughes",
    "Iqbal",
    "Jones",
    "Khan",
    "Lewis",
    "Morgan",
    "Nowak",
    "O'Neill",
    "Patel",
    "Quinn",
    "Roberts",
    "Singh",
    "Taylor",
    "Underwood",
    "Walsh",
    "Williams",
    "Young",
    "Zielinski",
    "Okafor",
    "Murphy",
    "Chen",
];

pub const PROVIDERS: &[&str] = &[
    "Capita", "Serco", "Amey", "Veolia", "Agilisys", "Liberata", "Kier", "Mitie",
];

/// Pay grades from the most senior down, with a yearly salary band (min, max) in pounds.
pub const GRADES: &[(&str, f64, f64)] = &[
    ("Chief Executive", 160_000.0, 190_000.0),
    ("Director", 110_000.0, 140_000.0),
    ("Head of Service", 75_000.0, 95_000.0),
    ("Grade 14", 58_000.0, 66_000.0),
    ("Grade 13", 50_000.0, 57_000.0),
    ("Grade 12", 43_000.0, 49_000.0),
    ("Grade 11", 37_000.0, 42_000.0),
    ("Grade 10", 33_000.0, 36_500.0),
    ("Grade 9", 29_500.0, 32_500.0),
    ("Grade 8", 26_500.0, 29_000.0),
    ("Grade 7", 24_000.0, 26_000.0),
    ("Grade 6", 22_000.0, 23_800.0),
    ("Grade 5", 20_500.0, 21_800.0),
];

/// Employer on-cost rates (pension and national insurance) seen in council budgets.
pub const ON_COST_RATES: &[f64] = &[0.22, 0.25, 0.28, 0.3];
