"""Hand-written phrase banks the simulator composes its accounts from.

Everything here is data: names, companies, titles, topics, visions, and the
sentence parts (openers, asks, details, closers) that are combined with slot
fillers so that no template repeats verbatim often. Templates are written in
American spelling; a person's style may turn them British (see ``SPELLING``).
Slots are ``{product}``, ``{site}``, ``{n}``, ``{n2}``, ``{pct}``, ``{amount}``,
``{date}``, ``{month}``, ``{quarter}``, ``{year}``, ``{years}``, ``{po}``,
``{invoice}``, ``{ticket}``, ``{term}``, ``{term2}``, ``{seller}``,
``{customer}``, ``{first}`` (the addressee) and ``{competitor_product}``.
"""

from __future__ import annotations

# --------------------------------------------------------------------------- names
#: First and last names by culture; non-ASCII spellings on purpose (RFC 2047 headers,
#: UTF-8 bodies, addresses folded to ASCII).
NAMES: dict[str, tuple[tuple[str, ...], tuple[str, ...]]] = {
    "english": (
        ("James", "Olivia", "Thomas", "Emily", "Daniel", "Charlotte", "Michael", "Hannah",
         "Robert", "Grace", "Andrew", "Lucy", "Patrick", "Megan", "Simon", "Rachel"),
        ("Whitfield", "Harrington", "Coleman", "Ashworth", "Bennett", "Fletcher", "Morrison",
         "Caldwell", "Pemberton", "Hughes", "Sutherland", "Barlow", "Kendrick", "Thornton"),
    ),
    "german": (
        ("Jürgen", "Katrin", "Matthias", "Sabine", "Stefan", "Anja", "Tobias", "Ulrike",
         "Florian", "Birgit", "Lukas", "Henrike"),
        ("Müller", "Schröder", "Krämer", "Weiß", "Hoffmann", "Böhm", "Vogel", "Lindemann",
         "Größer", "Brandt", "Köhler", "Ostermann"),
    ),
    "french": (
        ("Hélène", "François", "Amélie", "Jérôme", "Céline", "Benoît", "Élodie", "Sébastien",
         "Aurélie", "Grégoire", "Margaux", "Théo"),
        ("Lefèvre", "Girard", "Dubois", "Moreau", "Bérard", "Rousseau", "Fournier", "Chevalier",
         "Lemaître", "Garnier", "Delacroix", "Perrin"),
    ),
    "spanish": (
        ("José", "María", "Andrés", "Lucía", "Álvaro", "Inés", "Javier", "Marta", "Raúl",
         "Sofía", "Íñigo", "Paloma"),
        ("García", "Martínez", "Núñez", "López", "Ibáñez", "Fernández", "Ortega", "Muñoz",
         "Jiménez", "Castaño", "Serrano", "Peña"),
    ),
    "dutch": (
        ("Joris", "Femke", "Maarten", "Sanne", "Bram", "Lieke", "Wouter", "Eline", "Thijs",
         "Anouk", "Sjoerd", "Marloes"),
        ("van Dijk", "de Vries", "Bakker", "Janssen", "Visser", "Smit", "van den Berg",
         "Mulder", "de Groot", "Kuipers", "Hendriks", "Verhoeven"),
    ),
    "nordic": (
        ("Søren", "Åsa", "Bjørn", "Ingrid", "Lars", "Sigrid", "Mikael", "Linnéa", "Torbjörn",
         "Maja", "Henrik", "Solveig"),
        ("Sørensen", "Lindqvist", "Halvorsen", "Ødegaard", "Nyström", "Åberg", "Dahl",
         "Lundgren", "Bergström", "Kjær", "Holm", "Eklund"),
    ),
    "polish": (
        ("Łukasz", "Agnieszka", "Paweł", "Małgorzata", "Tomasz", "Katarzyna", "Michał",
         "Zofia", "Grzegorz", "Joanna"),
        ("Wiśniewski", "Kowalczyk", "Zieliński", "Wójcik", "Nowak", "Dąbrowski", "Kamiński",
         "Lewandowski", "Szymański", "Piątek"),
    ),
    "indian": (
        ("Priya", "Rahul", "Ananya", "Vikram", "Deepa", "Arjun", "Kavita", "Sanjay", "Meera",
         "Rohan", "Lakshmi", "Nikhil"),
        ("Raghavan", "Iyer", "Chatterjee", "Malhotra", "Reddy", "Nair", "Kapoor", "Banerjee",
         "Subramanian", "Desai", "Mehta", "Venkatesh"),
    ),
    "chinese": (
        ("Wei", "Mei", "Jun", "Xiaoling", "Hao", "Yan", "Lei", "Qing", "Zhen", "Ying"),
        ("Zhang", "Chen", "Liu", "Wang", "Huang", "Zhao", "Lin", "Xu", "Sun", "Guo"),
    ),
    "japanese": (
        ("Haruto", "Yui", "Kenji", "Aiko", "Takeshi", "Naomi", "Shota", "Emi", "Daisuke",
         "Rina"),
        ("Tanaka", "Sato", "Watanabe", "Yamamoto", "Nakamura", "Kobayashi", "Ito", "Kato",
         "Yoshida", "Matsumoto"),
    ),
    "turkish": (
        ("Emre", "Ayşe", "Barış", "Elif", "Çağlar", "Zeynep", "Oğuz", "Gülşen"),
        ("Yılmaz", "Öztürk", "Şahin", "Çelik", "Doğan", "Aydın", "Koç", "Güneş"),
    ),
    "portuguese": (
        ("João", "Beatriz", "Gonçalo", "Leonor", "Tiago", "Conceição", "Rui", "Mariana"),
        ("Gonçalves", "Araújo", "Simões", "Magalhães", "Conceição", "Lourenço", "Falcão",
         "Brandão"),
    ),
}

#: Which mail-client language a culture usually writes its quote headers in.
CULTURE_LANGUAGE = {
    "english": "en", "german": "de", "french": "fr", "spanish": "es", "dutch": "nl",
    "nordic": "en", "polish": "en", "indian": "en", "chinese": "en", "japanese": "en",
    "turkish": "en", "portuguese": "en",
}

MONTHS_EN = ("January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December")

# --------------------------------------------------------------------------- companies
SELLER_NAMES = (
    ("Corvane", "Systems"), ("Tessaro", "Technologies"), ("Brightwell", "Solutions"),
    ("Quorvix", "Networks"), ("Lumentra", "Software"), ("Halcyon", "Logistics Tech"),
    ("Ardent", "Data Systems"), ("Meridel", "Automation"), ("Sablecrest", "Analytics"),
    ("Vantora", "Industrial Software"), ("Kestrel", "Platforms"), ("Orrin", "Labs"),
    ("Pellucid", "Systems"), ("Stratavo", "Technologies"), ("Novadyne", "Solutions"),
)
CUSTOMER_NAMES = (
    ("Halvorsen", "Industries"), ("Atlantic Meridian", "Group"), ("Granite Peak", "Energy"),
    ("Northgate", "Retail"), ("Solenne", "Pharmaceuticals"), ("Castellan", "Airlines"),
    ("Bramblewood", "Foods"), ("Vireo", "Telecom"), ("Ironbridge", "Manufacturing"),
    ("Pacifica", "Health Systems"), ("Redfern", "Freight"), ("Elmstead", "Financial"),
    ("Crescent Bay", "Utilities"), ("Oakhaven", "Insurance"), ("Tidewater", "Chemicals"),
)
COMPETITOR_NAMES = (
    ("Nexolith", ("Atlas", "Atlas Fabric", "Atlas Control Tower")),
    ("Veridian Dynamics", ("OmniCore", "OmniCore Insight", "OmniCore Edge")),
    ("Paragon Stack", ("Summit", "Summit AI", "Summit Unified Ops")),
    ("Kairos Global", ("Horizon", "Horizon Twin", "Horizon Autopilot")),
    ("Stellarine", ("Polaris", "Polaris Mesh", "Polaris Command")),
    ("Tectonic Works", ("Bedrock", "Bedrock One", "Bedrock Insight")),
)
#: The industry a customer's name implies (second part of ``CUSTOMER_NAMES``).
INDUSTRIES = {
    "Industries": "manufacturing", "Group": "logistics", "Energy": "energy",
    "Retail": "retail", "Pharmaceuticals": "pharmaceuticals", "Airlines": "aviation",
    "Foods": "food and beverage", "Telecom": "telecommunications",
    "Manufacturing": "manufacturing", "Health Systems": "healthcare", "Freight": "logistics",
    "Financial": "financial services", "Utilities": "utilities", "Insurance": "insurance",
    "Chemicals": "chemicals",
}
PRODUCT_STEMS = (
    "FleetSense", "OrderFlow", "GridPilot", "PlantView", "SupplyLens", "DockSync",
    "AssetTrack", "NetGuard", "QualityHub", "RouteWise", "YardMaster", "FieldLink",
    "SpendScope", "ServiceDesk Pro", "DataVault", "EdgeRelay", "SiteMonitor", "PartsIQ",
)
SITES = (
    "Rotterdam", "Dallas", "Lyon", "Monterrey", "Gdańsk", "Pune", "Memphis", "Leipzig",
    "Columbus", "Kraków", "Bilbao", "Gothenburg", "Shenzhen", "Osaka", "São Paulo",
    "Antwerp", "Reno", "Toulouse", "Kansas City", "Aarhus", "Izmir", "Porto", "Atlanta",
    "Manchester",
)
#: Customer time zones (UTC offsets, hours) and the seller's.
OFFSETS = (-6, -5, -5, -4, 0, 1, 1, 2)

# --------------------------------------------------------------------------- roles
SELLER_ROLES = (
    ("Account Executive", "Sales"), ("Solution Architect", "Presales"),
    ("Delivery Manager", "Delivery"), ("Pricing Analyst", "Commercial"),
    ("Customer Success Manager", "Customer Success"), ("Contracts Manager", "Legal"),
    ("Support Engineer", "Support"), ("Project Manager", "Delivery"),
    ("Senior Solution Architect", "Presales"), ("Finance Business Partner", "Finance"),
    ("Security Specialist", "Presales"), ("Training Lead", "Customer Success"),
    ("Bid Manager", "Commercial"), ("Integration Engineer", "Delivery"),
    ("Regional Sales Director", "Sales"), ("Data Engineer", "Delivery"),
    ("Service Delivery Lead", "Support"), ("Product Specialist", "Presales"),
)
#: Customer stakeholders: (title, department).
CUSTOMER_ROLES = (
    ("Procurement Manager", "Procurement"), ("Category Manager", "Procurement"),
    ("Accounts Payable Specialist", "Finance"), ("Financial Controller", "Finance"),
    ("IT Service Manager", "IT"), ("Infrastructure Lead", "IT"),
    ("Enterprise Architect", "IT"), ("IT Security Manager", "IT"),
    ("Operations Manager", "Operations"), ("Site Operations Lead", "Operations"),
    ("Plant Manager", "Operations"), ("Strategy Analyst", "Strategy"),
    ("Engineering Manager", "Engineering"), ("Process Engineer", "Engineering"),
    ("Senior Counsel", "Legal"), ("Contract Specialist", "Legal"),
    ("Training Coordinator", "Human Resources"), ("Logistics Coordinator", "Operations"),
    ("Quality Manager", "Engineering"), ("Data Analyst", "IT"),
    ("Director of Operations", "Operations"), ("Head of Sourcing", "Procurement"),
)
PRIMARY_ROLES = (
    ("Vendor Manager", "Procurement"), ("Supplier Relationship Manager", "Procurement"),
    ("IT Sourcing Lead", "Procurement"), ("Program Manager, Supplier Services", "Operations"),
)
EXECUTIVE_ROLES = (
    ("Chief Digital Officer", "Strategy"), ("SVP Operations Transformation", "Strategy"),
    ("Chief Operating Officer", "Operations"), ("Chief Transformation Officer", "Strategy"),
    ("EVP Global Supply Chain", "Operations"),
)
IT_LEADERS = (
    ("Chief Information Officer", "IT"), ("Head of IT Architecture", "IT"),
    ("Director, IT Infrastructure", "IT"), ("IT Strategy Lead", "IT"),
    ("Head of Cloud Platforms", "IT"),
)
COMPETITOR_ROLES = ("Strategic Account Director", "Solutions Consultant", "Regional Vice President")

# --------------------------------------------------------------------------- visions
#: Banks of vision vocabulary; a seed draws one vision and 8-15 of its phrases.
VISIONS: dict[str, tuple[str, ...]] = {
    "control_tower": (
        "single pane of glass", "real-time control tower", "end-to-end visibility",
        "digital twin", "predictive maintenance", "closed-loop planning", "unified data layer",
        "exception-based management", "live operational cockpit", "one version of the truth",
        "prescriptive analytics", "autonomous replenishment", "network-wide orchestration",
        "self-service dashboards", "event-driven alerts",
    ),
    "zero_touch": (
        "zero-touch provisioning", "self-healing network", "intent-based automation",
        "closed-loop assurance", "lights-out operations", "policy-driven orchestration",
        "automated remediation", "infrastructure as code", "zero-trust segmentation",
        "golden configuration", "touchless onboarding", "continuous compliance",
        "automation-first operating model", "day-two operations", "elastic capacity",
    ),
    "consolidation": (
        "platform consolidation", "vendor rationalization", "one global template",
        "shared services model", "single global instance", "harmonized processes",
        "enterprise-wide standard", "consolidated contract vehicle", "global rollout wave",
        "center of excellence", "common data model", "standard operating backbone",
        "decommissioning legacy tools", "one-team delivery", "simplified landscape",
    ),
    "ai_first": (
        "AI-first operations", "autonomous planning", "machine-learning forecasting",
        "generative assistant", "cognitive automation", "data flywheel",
        "predictive demand sensing", "AI copilots for planners", "intelligent document processing",
        "anomaly detection at scale", "model-driven decisions", "augmented workforce",
        "continuous learning loop", "decision intelligence", "AI governance framework",
    ),
    "outcome_based": (
        "outcome-based pricing", "pay-per-use", "gain-share model", "value realization office",
        "consumption-based licensing", "shared savings", "risk-reward framework",
        "cost-to-serve transparency", "business outcome SLAs", "value scorecard",
        "as-a-service model", "elastic commercial envelope", "fixed-price transformation",
        "benefits tracking", "zero capex",
    ),
    "sustainability": (
        "net-zero supply chain", "carbon-aware scheduling", "scope 3 visibility",
        "circular asset lifecycle", "green logistics corridor", "emissions dashboard",
        "energy-optimized operations", "sustainability scorecard", "responsible sourcing",
        "low-carbon fleet", "waste-to-value", "environmental data hub",
        "science-based targets", "green premium", "carbon ledger",
    ),
}
#: A competitor's marketing claims (they leak into requests next to its products).
COMPETITOR_CLAIMS = (
    "{pct} lower total cost of ownership", "sub-second failover", "no-code integration",
    "deployment in under {n} weeks", "a unified data fabric", "built-in AI copilots",
    "99.999% availability", "one licence for every site", "usage-based pricing with no minimums",
    "native digital twin", "pre-built connectors for every ERP", "an open ecosystem",
)

# --------------------------------------------------------------------------- topics
#: Ordinary (background) request topics: label → subjects, asks, details.
BACKGROUND_TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "order_status": {
        "subjects": ("Order status {po}", "Where is {po}?", "Status of open orders for {site}",
                     "{po} - delivery update", "Open order check {site}"),
        "asks": (
            "Could you confirm the shipping status of {po}?",
            "Can you tell me when the remaining {n} units on {po} will ship?",
            "Please send an update on the open orders for {site}.",
            "Do you have a tracking number for {po}?",
            "Could you check why {po} still shows as unconfirmed in the portal?",
            "Can someone confirm the revised ship date for the {product} order to {site}?",
        ),
        "details": (
            "The site team is asking because their stock runs out around {date}.",
            "Our system still shows it as open since {date}.",
            "It was placed on {date} against the framework agreement.",
            "The receiving dock in {site} needs {n} days notice.",
            "We were told last week it would go out before the end of {month}.",
        ),
    },
    "invoice_query": {
        "subjects": ("Invoice {invoice}", "Query on invoice {invoice}",
                     "Billing question - {month}",
                     "{invoice} does not match PO", "Credit note for {invoice}"),
        "asks": (
            "Could you explain the extra line on invoice {invoice}?",
            "Please reissue {invoice} with the correct PO number {po}.",
            "Can you send a credit note for the {n} units that were returned?",
            "Why does invoice {invoice} show {amount} instead of the quoted price?",
            "Could you split invoice {invoice} by site so that {site} can book its share?",
            "Can you confirm the payment terms that apply to {invoice}?",
        ),
        "details": (
            "Accounts payable has put it on hold until this is resolved.",
            "The quote we have on file says {amount}.",
            "Our month-end close is on {date}.",
            "The PO reference is missing, so the three-way match fails.",
            "Finance would like to clear it this {month}.",
        ),
    },
    "support_escalation": {
        "subjects": ("URGENT: {product} down at {site}", "Escalation - ticket {ticket}",
                     "{ticket} still not resolved", "{product} outage {site}",
                     "Need escalation on {ticket}"),
        "asks": (
            "Can you escalate ticket {ticket}? It has been open for {n} days.",
            "Could someone from your support team call the {site} site today?",
            "Please provide a root-cause analysis for the {product} outage on {date}.",
            "What is the workaround until the fix for {ticket} is released?",
            "Can you get a senior engineer on ticket {ticket}?",
            "Could you confirm whether the {product} patch resolves {ticket}?",
        ),
        "details": (
            "Operations in {site} lost about {n} hours of production.",
            "The site manager is escalating internally.",
            "Priority was set to P2 but it is a P1 for us.",
            "We have had {n} similar incidents this {month}.",
            "The service desk reference is {ticket}.",
        ),
    },
    "security_questionnaire": {
        "subjects": ("Security questionnaire {year}", "Annual vendor security review",
                     "InfoSec assessment - {product}", "Completed SIG questionnaire?",
                     "Pen test evidence request"),
        "asks": (
            "Could you complete the attached security questionnaire by {date}?",
            "Please send your latest SOC 2 Type II report.",
            "Can you confirm where {product} data is hosted and who has access?",
            "Could you provide evidence of your last penetration test?",
            "Please confirm your incident notification time for a data breach.",
            "Can you describe how encryption keys are managed for {product}?",
        ),
        "details": (
            "Our InfoSec team needs it for the annual vendor review.",
            "Without it the renewal cannot be approved.",
            "There are {n} open questions from last year.",
            "The audit committee meets on {date}.",
            "Sections 4 and 7 are the ones that matter most.",
        ),
    },
    "renewal": {
        "subjects": ("Renewal of {product} licenses", "{product} renewal quote",
                     "Subscription renewal {year}", "Renewal terms", "{product} true-up"),
        "asks": (
            "Could you send the renewal quote for {product} for next year?",
            "Please confirm the number of licenses we are renewing ({n}).",
            "Can you hold last year's price for the {product} renewal?",
            "What would the renewal cost be if we drop {n2} seats?",
            "Could you confirm the renewal date and notice period for {product}?",
            "Can you send the true-up figures for {product} before {date}?",
        ),
        "details": (
            "Budget for next year is being finalized now.",
            "The current term ends on {date}.",
            "We are at {n} active users today.",
            "Procurement needs three weeks to raise the PO.",
            "Last year the uplift was {pct}.",
        ),
    },
    "training": {
        "subjects": ("Training for {site} team", "{product} training dates",
                     "Training request - new starters", "Admin training", "Refresher course"),
        "asks": (
            "Could you run a {product} training session for {n} new starters in {site}?",
            "Can you propose dates for an admin training in {month}?",
            "Please share the training materials from the last session.",
            "Is it possible to record the {product} training for people on shift?",
            "Could you organize a refresher on reporting for the {site} planners?",
            "Can you tell me how many training days are left in our contract?",
        ),
        "details": (
            "The team changes shifts at 6am so mornings are hard.",
            "Half of them are new to {product}.",
            "We would prefer on-site if possible.",
            "The last session was very well received.",
            "Ideally before {date}.",
        ),
    },
    "onboarding": {
        "subjects": ("New site onboarding - {site}", "Onboarding {site} to {product}",
                     "Access for new users", "User setup {site}", "Go-live checklist {site}"),
        "asks": (
            "Could you set up {n} new user accounts for the {site} team?",
            "Please send the onboarding checklist for bringing {site} onto {product}.",
            "Can you confirm the go-live date for {site}?",
            "What do you need from us to onboard {site} by {date}?",
            "Could you assign a project manager for the {site} onboarding?",
            "Can you reset access for the {site} supervisors?",
        ),
        "details": (
            "The site went live on our ERP on {date}.",
            "User list attached.",
            "{site} will have around {n} users at first.",
            "Local IT contact is copied.",
            "We would like to reuse the configuration from the last site.",
        ),
    },
    "delivery_schedule": {
        "subjects": ("Delivery schedule {month}", "Deliveries to {site}", "Shipping plan {quarter}",
                     "Delivery windows", "Schedule change {site}"),
        "asks": (
            "Could you send the delivery schedule for {site} for {month}?",
            "Can you move the {date} delivery to the following week?",
            "Please confirm you can deliver to {site} in the morning window only.",
            "Could you split the {quarter} shipments into two deliveries?",
            "Can you share the planned delivery dates for the {product} hardware?",
            "Is it possible to consolidate the {site} deliveries into one per week?",
        ),
        "details": (
            "The dock is closed for maintenance around {date}.",
            "{site} only receives between 7am and 11am.",
            "Our warehouse is at {pct} capacity.",
            "The plant shutdown starts on {date}.",
            "Carriers need the schedule by Friday.",
        ),
    },
    "contract_admin": {
        "subjects": ("Contract amendment {n}", "Change order request", "Contract question",
                     "Signature needed - amendment", "Updated schedule to the MSA"),
        "asks": (
            "Could you send the countersigned amendment {n}?",
            "Please update the billing address in the contract to the {site} entity.",
            "Can you confirm which SLA schedule applies to {product}?",
            "Could you prepare a change order for the additional {n} licenses?",
            "Can you send a copy of the current statement of work?",
            "Please confirm the notice period for the {product} schedule.",
        ),
        "details": (
            "Legal needs it for the contract file.",
            "The entity name changed on {date}.",
            "It has been with your legal team since {date}.",
            "Our auditors asked for a complete set.",
            "The current schedule references the old entity.",
        ),
    },
    "reporting": {
        "subjects": ("Monthly report {month}", "KPI report request", "Service report {quarter}",
                     "Usage data {month}", "SLA report missing"),
        "asks": (
            "Could you send the SLA report for {month}?",
            "Can you add the {site} figures to the monthly service report?",
            "Please share the usage data for {product} for {quarter}.",
            "Could you explain the drop in availability in the {month} report?",
            "Can you send the raw data behind the KPI report?",
            "Could you change the report format so it shows each site separately?",
        ),
        "details": (
            "Our operations review is on {date}.",
            "The numbers for {site} look off compared to our own data.",
            "Management wants it in the quarterly pack.",
            "Availability shows {pct} which seems low.",
            "We need it in Excel rather than PDF.",
        ),
    },
    "technical_question": {
        "subjects": ("Question on {product} integration", "{product} API question",
                     "Technical query - {product}", "Configuration question", "{product} limits"),
        "asks": (
            "Does the {product} API support bulk updates of more than {n} records?",
            "Can you confirm which versions of our ERP {product} supports?",
            "How do we configure single sign-on for {product}?",
            "Could you explain how {product} handles data retention?",
            "Is there a limit on the number of sites per {product} tenant?",
            "Can you advise how to export the audit log from {product}?",
        ),
        "details": (
            "Our integration team is planning the work for {month}.",
            "We tried it in test and got a timeout.",
            "The documentation is not clear on this.",
            "We have around {n} records a day.",
            "This blocks the {site} rollout.",
        ),
    },
    "price_quote": {
        "subjects": ("Quote for additional {product}", "Pricing request {product}",
                     "Quote needed - {site}", "Spare parts quote", "Quote for services"),
        "asks": (
            "Could you quote {n} additional {product} licenses for {site}?",
            "Please send a quote for {n} days of professional services.",
            "Can you price the spare parts kit for {site}?",
            "What would {n} extra units cost under the current rate card?",
            "Could you send an updated price list for {product} add-ons?",
            "Can you quote the {product} upgrade for the {site} site?",
        ),
        "details": (
            "We need it for the {quarter} budget request.",
            "The site manager has approved the spend.",
            "Please use the contract rates.",
            "Volume is around {n} units a year.",
            "The quote from last year was {amount}.",
        ),
    },
}

#: Vision request topics: the visionary asks that follow the hidden source.
VISION_TOPICS: dict[str, dict[str, tuple[str, ...]]] = {
    "what_if_pricing": {
        "subjects": ("What-if pricing scenarios", "Pricing scenarios for {years} years",
                     "Commercial what-if", "Scenario pricing - {term}",
                     "Alternative pricing models"),
        "asks": (
            "What would the price look like if we moved to {term} across all {n} sites?",
            "Could you model three pricing scenarios for {term}, over {years} years?",
            "How would your pricing change under {term2} if volumes doubled?",
            "Can you show what-if numbers for {term} with and without {site}?",
            "What would it cost if we committed to {term} for the remaining {years} years?",
        ),
        "details": (
            "It should assume {term} as the target state.",
            "Please include a view on {term2}.",
            "Think of it as a {years}-year picture, not next year's budget.",
            "Leadership wants to see the order of magnitude, not a formal quote.",
        ),
    },
    "five_year_roadmap": {
        "subjects": ("Five-year roadmap", "Roadmap to {year}", "Your long-term roadmap",
                     "Roadmap alignment - {term}", "Product roadmap question"),
        "asks": (
            "Could you share your five-year roadmap and how it gets us to {term}?",
            "Where will {product} be in {years} years with respect to {term}?",
            "Can you map your roadmap against our ambition for {term2}?",
            "What investments are you making toward {term} over the next {years} years?",
            "Could you present how your roadmap supports {term} by {year}?",
        ),
        "details": (
            "We need to understand whether you can keep up with {term2}.",
            "This is about the long-term direction, beyond the current contract.",
            "A one-page view per year would be ideal.",
            "We are comparing several partners on this.",
        ),
    },
    "architecture_proposal": {
        "subjects": ("Target architecture", "Architecture proposal request",
                     "Future-state architecture - {term}", "Reference architecture",
                     "Architecture options"),
        "asks": (
            "Could you propose a target architecture built around {term}?",
            "How would {product} fit into an architecture based on {term2}?",
            "Can you draw the future state with {term} at the center?",
            "What would an architecture for {term} look like across {n} plants?",
            "Could your architects sketch two options for {term}?",
        ),
        "details": (
            "Please include the integration points and what we would retire.",
            "It should be vendor-neutral where possible.",
            "Assume {term2} is part of the picture.",
            "High level is fine, this is for a strategy discussion.",
        ),
    },
    "consolidation_plan": {
        "subjects": ("Consolidation options", "Consolidating sites onto one platform",
                     "Global template question", "Rationalization scenario", "One platform?"),
        "asks": (
            "How would you approach {term} across all regions?",
            "Could you outline what {term} would mean for the {n} sites we run today?",
            "Can you estimate the savings from {term} over {years} years?",
            "What would it take to move every site onto {term2}?",
            "Could you describe a phased plan for {term}, starting with {site}?",
        ),
        "details": (
            "We want to understand the effort and the risk, not just the price.",
            "Some regions still run their own tools.",
            "Please assume {term2} as a principle.",
            "The aim is fewer vendors and one way of working.",
        ),
    },
    "transformation_case": {
        "subjects": ("Business case input", "Transformation business case",
                     "Benefits case for {term}", "Value case request", "Input for board paper"),
        "asks": (
            "Could you provide input for a business case on {term}?",
            "What benefits have other customers seen from {term}?",
            "Can you quantify the value of {term} for an operation our size?",
            "Could you give us figures we can use to justify {term2}?",
            "How would you measure success for {term} in the first {n2} months?",
        ),
        "details": (
            "It will go into a paper for the executive committee.",
            "Benchmarks from our industry would help a lot.",
            "Both cost and revenue effects please.",
            "We need this as part of a wider transformation story.",
        ),
    },
    "innovation_pilot": {
        "subjects": ("Pilot proposal - {term}", "Innovation pilot", "Proof of concept for {term}",
                     "Pilot at {site}?", "Co-innovation idea"),
        "asks": (
            "Would you be willing to run a pilot of {term} at {site}?",
            "Could you propose a proof of concept for {term} within {n2} weeks?",
            "What would a co-innovation project on {term2} look like?",
            "Can you share examples where you have delivered {term}?",
            "Could you put together a pilot plan for {term} with success criteria?",
        ),
        "details": (
            "We would want it to be low cost and quick.",
            "The pilot would need a clear path to scale.",
            "{site} has volunteered as the first site.",
            "Please think about {term2} as part of it.",
        ),
    },
    "capability_benchmark": {
        "subjects": ("Capability comparison", "How do you compare?", "Market benchmark",
                     "Capability gaps - {term}", "Assessment questions"),
        "asks": (
            "How does your offering compare on {term} with what else is in the market?",
            "Could you answer a set of capability questions on {term}?",
            "Can you confirm whether you support {term2} natively or through partners?",
            "What is your answer to {term}, and who else does it today?",
            "Could you rate yourselves against these {n2} capabilities for {term}?",
        ),
        "details": (
            "We are building a view of the market.",
            "Please be candid about gaps.",
            "Others have already responded.",
            "This will shape the next phase.",
        ),
    },
}

#: Short descriptions per vision topic for the request log's "Category" column.
CATEGORIES = {
    "order_status": "Logistics", "invoice_query": "Finance", "support_escalation": "Support",
    "security_questionnaire": "Security", "renewal": "Commercial", "training": "Services",
    "onboarding": "Services", "delivery_schedule": "Logistics", "contract_admin": "Legal",
    "reporting": "Service Management", "technical_question": "Technical",
    "price_quote": "Commercial", "what_if_pricing": "Commercial",
    "five_year_roadmap": "Strategy", "architecture_proposal": "Technical",
    "consolidation_plan": "Strategy", "transformation_case": "Strategy",
    "innovation_pilot": "Innovation", "capability_benchmark": "Strategy",
}

# --------------------------------------------------------------------------- sentence parts
OPENERS = (
    "Hope you are well.", "Quick one for you.", "Following up on our call,",
    "I hope the week is going well.", "Sorry to bother you again.", "A question from our side:",
    "As discussed this morning,", "One more for your list.", "Hope all is good with you.",
    "Reaching out about something that came up today.", "Hope you had a good weekend.",
    "Thanks for the quick turnaround last time.", "Checking in on something.",
    "I need your help with something.", "Apologies for the short notice.",
    "Picking this up again,", "We have a request from the team.", "",
)
CLOSERS = (
    "Thanks in advance.", "Let me know if you need anything else from us.",
    "Appreciate your help.", "Happy to jump on a call if easier.",
    "Please let me know by end of week if possible.", "Many thanks for looking into it.",
    "Shout if anything is unclear.", "Thanks for your support on this.",
    "Looking forward to your reply.", "Let me know what you think.",
    "Grateful for a quick answer.", "",
)
URGENCY = (
    "We need this by {date}.", "Ideally before the end of {month}.",
    "No rush, but it would help to have it this {month}.", "Leadership asked for it by {date}.",
    "Sooner is better.", "Could we have something by Friday?",
)
#: What the primary contact writes above a relayed (forwarded / pasted) vision ask.
RELAY_NOTES = (
    "Please see below. Can you put something together on this?",
    "Another one for you, see the note below. Could you have a look?",
    "Can your team take a look at the request below?",
    "See below. Could you send me something I can pass on?",
    "Forwarding this one. Can you prepare an answer?",
    "Could you help with the request below? It has come down to me.",
    "Another ask from our side, details below. Can you turn this around quickly?",
    "Please review the below and let me know what you can provide.",
)
#: The same with a mention of who asked (easy / medium only).
RELAY_MENTIONS = (
    "{name} asked me to pass this on. Can you look at it?",
    "This came from {name}. Could you prepare something?",
    "{name} would like your view on the below. Can you help?",
    "Per {name}'s note below, can you put together a response?",
    "{name} is keen to see an answer on this. Could you take it?",
)
#: The primary contact rephrasing an ask without saying where it came from.
REPHRASE_INTROS = (
    "We would like to understand something.", "Another question has come up.",
    "There is interest on our side in the following.", "I have been asked to find out more.",
    "Something new for you.", "We are looking at a broader question.",
    "A different kind of question this time.", "Can I ask you something a bit bigger?",
)
FYI_BODIES = (
    "FYI, the {site} site will be closed on {date} for the public holiday.",
    "Just so you know, our fiscal year closes on {date}.",
    "For your information: I will be out of office from {date}, {name} covers for me.",
    "FYI, the steering meeting minutes are attached.",
    "Sharing the updated contact list for {site}, no action needed.",
    "FYI our new procurement portal goes live on {date}.",
    "Heads-up: the {site} plant moves to a new shift pattern in {month}.",
    "For info, the PO for {product} has been released on our side.",
)
THANKS_BODIES = (
    "Thanks, that's exactly what we needed.", "Great, thank you for the quick response!",
    "Received, many thanks.", "Perfect, thanks for sorting this out.",
    "Thank you, I have passed it on to the team.", "Thanks a lot, much appreciated.",
    "That works, thank you.", "Got it, thanks {first}.",
)
SCHEDULING_BODIES = (
    "Does Tuesday at 10:00 work for the monthly review?",
    "I have sent an invite for Thursday afternoon for the QBR.",
    "Can we move our call from Wednesday to Thursday same time?",
    "Accepted: Monthly service review, {date}.",
    "Let's keep the usual slot for the ops review on {date}.",
    "Moving our catch-up to next week as I am travelling.",
)
SELLER_REPLIES = (
    "Thanks for reaching out. {answer}",
    "Good question. {answer}",
    "Thanks for your patience. {answer}",
    "Happy to help. {answer}",
    "{answer}",
)
SELLER_ANSWERS = (
    "Please find the details attached; let us know if you need more.",
    "We have checked and the update is below. {detail}",
    "I have asked the team and we will have it for you by {date}.",
    "Attached is our response. Happy to walk you through it.",
    "{detail} We will confirm in writing tomorrow.",
    "Our team has prepared a first version; see attached.",
    "We are on it and will come back with numbers by {date}.",
    "Here is where we are: {detail}",
)
#: How the team answers the visionary asks (often with a weekend's work behind it).
SELLER_VISION_ANSWERS = (
    "We have put together a first set of scenarios; see attached. Happy to walk your team "
    "through the assumptions.",
    "This goes beyond the current contract, but we have prepared an initial view, attached.",
    "Our architects worked on this over the weekend; the attached deck has two options.",
    "We will need a few more days to model this properly. Could you tell us who the audience "
    "is and what decision it supports?",
    "Attached is our draft roadmap view. Could we meet the sponsor to make sure it answers "
    "the right question?",
    "We are on it and will come back with numbers by {date}. It would help to know the "
    "budget and timeline behind this.",
    "Please find our response attached. We would welcome a conversation about where this "
    "initiative is heading.",
)
SELLER_DETAILS = (
    "the shipment left our warehouse on {date}", "the credit note has been raised",
    "the engineer is assigned and will call you today", "the report is attached",
    "the quote is valid until {date}", "the accounts are set up",
    "the revised schedule is in the portal", "legal has countersigned the amendment",
)
SELLER_INTERNAL = (
    "Team, another big one from {customer} came in. Who can take it? They want it by {date}.",
    "Can someone pull the numbers for the {customer} request below? Sorry for the weekend ask.",
    "Heads-up: {customer} is asking about {term_or_topic} again. Let's align before we answer.",
    "Drafting the response to {customer} now; please review by tomorrow morning.",
    "This is the {n}th request of this kind in a few weeks. Do we know who is behind it?",
    "I will need help from presales on this one, it goes well beyond the current contract.",
    "None of this is in the scope of the contract we won from {incumbent}. Who is really "
    "asking for it, and is there a budget behind it?",
    "Weekend again, sorry all. {customer} wants this by {date}; I will take the pricing part.",
)
OUT_OF_OFFICE = (
    "I am out of the office until {date} with limited access to e-mail. "
    "For urgent matters please contact {name}.",
    "Thank you for your message. I am currently on leave and will be back on {date}.",
)
ANNOUNCEMENT = (
    "Please join me in welcoming {name}, who joins us as {title}. {name_first} will lead our "
    "{dept} agenda and will be involved in our key supplier relationships going forward.",
    "I am pleased to announce that {name} has joined as {title}. You may see {name_first} in "
    "some of our upcoming meetings.",
)
INTRO_DIRECT = (
    "Good to meet you at the review last week.",
    "I have been reading up on our partnership since I joined.",
    "Thank you for the time the other day.",
    "I wanted to reach out directly on one point.",
)

# --------------------------------------------------------------------------- style
GREETINGS = ("Hi {first},", "Hello {first},", "Dear {first},", "{first},", "Hi {first}",
             "Good morning {first},", "Hey {first},", "Hi all,", "Hallo {first},")
SIGNOFFS = ("Best,", "Thanks,", "Cheers,", "Kind regards,", "Regards,", "Many thanks,",
            "Best regards,", "BR,", "Thank you,", "Warm regards,", "All the best,", "Rgds,")
#: Writing habits that leak into pasted paragraphs (each person gets one or two).
HABITS = (
    "Going forward,", "At the end of the day,", "To be clear,", "Frankly,", "In short,",
    "Net net,", "Bottom line:", "As I see it,", "Candidly,", "Big picture,",
)
#: American → British spellings a British-spelling style applies.
SPELLING = {
    "organize": "organise", "organization": "organisation", "prioritize": "prioritise",
    "optimized": "optimised", "optimize": "optimise", "analyze": "analyse", "color": "colour",
    "center": "centre", "behavior": "behaviour", "favor": "favour", "standardize": "standardise",
    "utilize": "utilise", "modeling": "modelling", "canceled": "cancelled",
    "catalog": "catalogue", "realize": "realise", "minimize": "minimise",
    "finalized": "finalised", "summarize": "summarise", "harmonized": "harmonised",
    "rationalization": "rationalisation", "realization": "realisation",
    "licenses": "licences", "license": "licence", "program": "programme", "percent": "per cent",
    "quantify": "quantify", "centers": "centres", "analyzing": "analysing",
}
DISCLAIMERS = (
    "CONFIDENTIALITY NOTICE: This e-mail and any attachments are confidential and intended "
    "solely for the addressee. If you have received it in error, please notify the sender and "
    "delete it.",
    "This message may contain privileged information. Any unauthorised use, disclosure or "
    "copying is prohibited. {company} accepts no liability for viruses.",
    "Diese E-Mail enthält vertrauliche Informationen. Wenn Sie nicht der richtige Adressat "
    "sind, informieren Sie bitte sofort den Absender und vernichten Sie diese Mail.",
    "Ce message et ses pièces jointes sont confidentiels. Si vous l'avez reçu par erreur, "
    "merci d'en avertir l'expéditeur et de le supprimer.",
)
