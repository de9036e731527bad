"""Write the .docx and .pdf sample documents (the text formats are kept as files in sample_docs/
and dev_docs/).

    python scripts/build_sample_docs.py

The built files are committed, so a new user needs nothing but the repository to scan them.
"""

from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from benchmarks.writers import write_docx, write_pdf  # noqa: E402

SAMPLES = ROOT / "sample_docs"
DEV = ROOT / "dev_docs"


def front_range() -> None:
    folder = SAMPLES / "front-range-manufacturing"
    write_docx(
        folder / "action-plan-2026.docx",
        [
            ("Heading 1", "Front Range Manufacturing Partnership: Action Plan 2026"),
            ("", "Last updated March 2026 by the business co-chairs at the annual retreat."),
            (
                "",
                "Business leaders developed the plan at the launch meeting and refresh the plan each year. "
                "The plan is shared with all partners and posted on the shared drive.",
            ),
            ("Heading 2", "Priorities identified by employers"),
            (
                "List Bullet",
                "Talent pipeline: grow registered apprenticeship and youth work-based learning.",
            ),
            ("List Bullet", "Supply chain: increase local sourcing among member plants."),
            ("List Bullet", "Infrastructure: workforce housing and child care near the plants."),
            ("", "Our priorities go beyond workforce to supply chain and infrastructure."),
            ("Heading 2", "Action teams"),
            (
                "",
                "Each action team has a business champion, owners and deadlines, and reports progress at every "
                "quarterly meeting. Public partners respond to industry priorities with their programs.",
            ),
            ("", "In 2027 we plan to explore an export consortium with the Economic Alliance."),
        ],
        table=[
            ["Action", "Business champion", "Public partner", "Due"],
            [
                "Launch a second maintenance apprenticeship cohort",
                "Whitaker Precision LLC",
                "Front Range Community College",
                "January 2027",
            ],
            [
                "Map local suppliers of castings and plastics",
                "Poudre Valley Plastics Corp",
                "Northern Colorado Economic Alliance",
                "December 2026",
            ],
            [
                "Commission the workforce housing study",
                "High Plains Foods Inc",
                "Larimer County Workforce Center",
                "June 2027",
            ],
        ],
        title="Action Plan 2026",
    )
    write_pdf(
        folder / "annual-report-2025.pdf",
        [
            [
                "Front Range Manufacturing Partnership",
                "Annual Report 2025",
                "",
                "A year of results for businesses, jobseekers and the regional economy.",
                "",
                "Results for member companies",
                "Turnover among first-year production workers fell 18 percent at member plants.",
                "Time-to-fill for maintenance technicians dropped from 94 to 61 days.",
                "Four plants saved a combined $420,000 by sourcing castings from a member.",
            ],
            [
                "Results for jobseekers and public programs",
                "64 apprentices started registered apprenticeships; 41 completed their first year.",
                "Graduates hired by member companies earned a median starting wage of $24.10 per hour.",
                "Enrollment in the machining pathway at Aims Community College grew 35%.",
                "",
                "How we work",
                "Business leaders set the agenda and chair the action teams; 12 meetings were held",
                "across the three counties. The partnership does not rely on grants for its operations.",
            ],
        ],
        title="Annual Report 2025",
    )


def mesa_valley() -> None:
    folder = SAMPLES / "mesa-valley-healthcare"
    write_pdf(
        folder / "action-plan.pdf",
        [
            [
                "Mesa Valley Health Careers Partnership",
                "Action Plan",
                "",
                "Adopted February 2022 as part of the state grant application.",
                "",
                "Goal 1. Build a CNA pipeline with Colorado Mesa University and the",
                "Technical College of the Rockies.",
                "Goal 2. Create a nurse residency shared across member hospitals.",
                "Goal 3. Recruit traveling nurses to stay in the valley.",
                "",
                "Employers identified these goals at a 2021 workshop. The plan was written by",
                "staff of the Western Colorado Workforce Center with employer review.",
            ],
        ],
        title="Action Plan 2022",
    )
    write_docx(
        folder / "results-2026.docx",
        [
            ("Heading 1", "Results summary, January to September 2026"),
            (
                "",
                "The partnership held 9 meetings and 3 webinars, and 140 people attended our events.",
            ),
            ("", "22 CNAs hired from the spring cohort are still employed at member facilities."),
            (
                "",
                "Evidence of impact on nurse vacancies is anecdotal; hospitals have not shared vacancy data.",
            ),
            ("", "Results are reported only to the funder each quarter."),
        ],
        table=[
            ["Measure", "2026 to date"],
            ["Meetings held", "9"],
            ["Event attendees", "140"],
            ["CNAs hired", "22"],
        ],
    )


def pueblo() -> None:
    folder = SAMPLES / "pueblo-county-workforce"
    write_docx(
        folder / "minutes-2026-08-20.docx",
        [
            ("Heading 1", "Advanced Industries Sector Partnership: Meeting Minutes"),
            ("", "August 20, 2026, Pueblo County Workforce Center, Room B"),
            (
                "",
                "Attendees: Laura Grant (Pueblo County Workforce Development Board); Mike Torres (Pueblo County "
                "Workforce Center); Dee Sanchez (Pueblo Community College); Ron Ellis (Pueblo County Department "
                "of Human Services); Tina Ruiz (City of Pueblo Economic Office); Jen Cho (Pueblo County Workforce "
                "Center); Sam Ward (Pueblo Steel Mill Inc); Al Price (Arkansas Valley Wind Components Corp)",
            ),
            (
                "",
                "Staff presented program updates from each agency. Employers were invited to present "
                "their hiring needs; only two employers attended.",
            ),
            (
                "",
                "Ms. Grant reported that the federal grant ends December 31, 2026. Staff hope to apply for a "
                "renewal. Members asked whether the partnership could continue without grant funding.",
            ),
            (
                "",
                "The group discussed the employer survey results and agreed to survey employers again in spring.",
            ),
        ],
    )
    write_pdf(
        folder / "annual-report-2025.pdf",
        [
            [
                "Pueblo County Advanced Industries Sector Partnership",
                "Annual Report 2025",
                "",
                "Highlights",
                "The partnership held 12 meetings with 96 attendees and sent 24 newsletters.",
                "Staff completed 3 employer surveys and hosted 2 listening sessions.",
                "Our goal is to place 20 apprentices next year if the grant is renewed.",
                "",
                "Success is measured by attendance at meetings and survey responses.",
            ],
        ],
        title="Annual Report 2025",
    )


def development_set() -> None:
    """The development set: written after the rules; see dev_docs/labels.yaml."""
    lakes = DEV / "lakes-region-construction"
    write_docx(
        lakes / "action-plan-2026.docx",
        [
            ("Heading 1", "Lakes Region Construction Careers Partnership: Action Plan 2026-2027"),
            ("", "Revised September 2026 by the steering committee."),
            (
                "",
                "Member contractors chose these priorities at the June strategy session, after "
                "walking job sites together and comparing their hiring forecasts.",
            ),
            (
                "List Number",
                "Fill the pipeline for electricians, carpenters and equipment operators.",
            ),
            ("List Number", "Get more young people onto job sites through summer academies."),
            ("List Number", "Press for workforce housing that apprentices can afford."),
            (
                "",
                "Every priority has an employer champion, a support partner, a measure and a due "
                "date. The steering committee reviews the plan at each quarterly meeting.",
            ),
        ],
        table=[
            ["Priority", "Employer champion", "Support partner", "Due"],
            [
                "Second boot camp cohort",
                "Becker Framing Inc.",
                "Central Minnesota Jobs and Training Services",
                "April 2027",
            ],
            [
                "Summer construction academy",
                "Northstar Electric LLC",
                "Sauk Rapids-Rice Public Schools",
                "June 2027",
            ],
            [
                "Housing forum with city councils",
                "Mississippi River Builders Inc.",
                "Greater St. Cloud Development Corporation",
                "May 2027",
            ],
        ],
    )
    write_pdf(
        DEV / "harbor-county-tech" / "annual-report-2025.pdf",
        [
            [
                "Harbor County Tech Talent Initiative",
                "Annual Report 2025",
                "",
                "Year in review",
                "In 2025 the initiative hosted 14 employer forums and 3 job fairs, reaching more than",
                "600 residents. Staff distributed 1,200 brochures and 212 people attended workshops.",
                "",
                "Looking ahead",
                "Next year we hope to begin tracking how many graduates are hired.",
            ],
        ],
        title="Annual Report 2025",
    )
    river = DEV / "river-valley-food"
    write_docx(
        river / "minutes-2026-11-05.docx",
        [
            ("Heading 1", "River Valley Food & Beverage Partnership: Meeting Minutes"),
            ("", "November 5, 2026, Cascade Orchards Packing, Yakima"),
            (
                "",
                "Present: Luis Alvarado (Cascade Orchards Packing LLC); Jo Becker (Sunridge Juice Co.); "
                "Ray Ito (Valley Dairy Cooperative); Mina Patel (Columbia Snacks Inc.); Carl Dunn "
                "(Tieton Cold Storage LLC); Ana Ruiz (Prosser Wine Group); Tim Hale (Yakima Valley "
                "College); Gloria Soto (South Central Workforce Council); Ed Kim (Yakima County "
                "Development Association)",
            ),
            (
                "",
                "The maintenance technician cohort at Yakima Valley College graduated 11 students, and "
                "9 were hired by member plants at $24 an hour.",
            ),
            (
                "",
                "Plant managers agreed that the action plan is stale and needs to be redone in the spring.",
            ),
            (
                "",
                "Members noted that the partnership still relies on the Port of Sunnyside grant to pay "
                "the coordinator.",
            ),
            (
                "",
                "Dr. Rosa Grant of the Yakima Health District presented the new food safety rules.",
            ),
        ],
    )
    write_pdf(
        river / "results-2026.pdf",
        [
            [
                "River Valley Food & Beverage Partnership",
                "Results, January to October 2026",
                "",
                "Nine maintenance technicians were hired by member plants from the first college cohort.",
                "The second-shift vanpool carries 35 workers a day and cut absenteeism at two plants",
                "by 12 percent.",
                "We plan to measure wage gains for vanpool riders next year.",
            ],
        ],
        title="Results 2026",
    )


if __name__ == "__main__":
    front_range()
    mesa_valley()
    pueblo()
    development_set()
    print("sample documents written under", SAMPLES, "and", DEV)
