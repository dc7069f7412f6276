"""The invented words of demo networks: names, organizations, titles, sentences.

Every entry is written for netlife; none is a real person. A culture bundles
given and family names, cities and naming conventions, so that people from
one culture get consistent names.
"""

from dataclasses import dataclass

# A culture: weight, female and male given names, family names, cities, how
# often its people are written in their own script, and name order. A name
# is "Latin" or "Latin:native"; a family name is "male/female" where the
# language inflects it.


@dataclass(frozen=True, slots=True)
class Name:
    latin: str
    native: str


@dataclass(frozen=True, slots=True)
class Culture:
    weight: int
    female: tuple[Name, ...]
    male: tuple[Name, ...]
    family: tuple[tuple[Name, Name], ...]  # (male form, female form)
    cities: tuple[str, ...]
    native_share: float
    order: str  # "western", "eastern" (family then given, no space), "vietnamese"


def parse_names(text: str) -> tuple[Name, ...]:
    result = []
    for word in text.split():
        latin, _, native = word.replace("_", " ").partition(":")
        result.append(Name(latin, native or latin))
    return tuple(result)


def parse_families(text: str) -> tuple[tuple[Name, Name], ...]:
    result = []
    for word in text.split():
        latin, _, native = word.partition(":")
        latin_m, _, latin_f = latin.partition("/")
        native_m, _, native_f = (native or latin).partition("/")
        male = Name(latin_m, native_m)
        result.append((male, Name(latin_f or latin_m, native_f or native_m)))
    return tuple(result)


def make_culture(
    weight: int, names: tuple[str, str, str, str], native: float = 0, order: str = ""
) -> Culture:
    female, male, family, cities = names
    return Culture(
        weight, parse_names(female), parse_names(male), parse_families(family),
        tuple(cities.split(";")), native, order or "western",
    )  # fmt: skip


# fmt: off
CULTURES = (
    make_culture(14, (
        "Emma Olivia Sophie Charlotte Grace Hannah Chloe Amelia Lucy Ella Megan Rachel",
        "James Oliver Jack Thomas Daniel Samuel Henry William Ethan Noah Ryan Michael",
        "Smith Johnson Taylor Brown Walker Wright Robinson Thompson Evans Hughes "
        "Clarke Bennett Carter Mitchell Turner Collins",
        "London;Manchester;New York;Boston;Toronto;Sydney;Chicago;Seattle")),
    make_culture(7, (
        "Lucía Sofía Valentina Camila Isabel Martina Elena Paula Carmen Alba",
        "Mateo Santiago Diego Javier Pablo Alejandro Andrés Carlos Miguel Hugo",
        "García Martínez Rodríguez López Fernández Sánchez Romero Torres Navarro "
        "Ortega Morales Castillo",
        "Madrid;Barcelona;Valencia;Mexico City;Buenos Aires;Bogotá")),
    make_culture(6, (
        "Ana Beatriz Mariana Gabriela Juliana Inês Carolina Larissa",
        "João Pedro Lucas Rafael Tiago Gustavo Bruno Rodrigo",
        "Silva Santos Oliveira Souza Costa Pereira Almeida Ferreira Carvalho Ribeiro",
        "Lisbon;Porto;São Paulo;Rio de Janeiro;Belo Horizonte")),
    make_culture(6, (
        "Camille Léa Chloé Manon Élodie Inès Juliette Margaux",
        "Hugo Louis Antoine Théo Julien Mathieu Nicolas Baptiste",
        "Martin Bernard Dubois Moreau Laurent Lefèvre Girard Fontaine Rousseau Mercier",
        "Paris;Lyon;Nantes;Bordeaux;Montréal;Brussels")),
    make_culture(6, (
        "Lena Anna Marie Katharina Johanna Laura Sophie Clara",
        "Lukas Felix Jonas Maximilian Paul Tobias Moritz Stefan",
        "Müller Schmidt Schneider Fischer Weber Becker Hoffmann Schäfer Koch Wagner",
        "Berlin;Munich;Hamburg;Cologne;Vienna;Zurich")),
    make_culture(4, (
        "Giulia Chiara Francesca Martina Sara Alessia",
        "Marco Luca Alessandro Matteo Lorenzo Davide",
        "Rossi Russo Ferrari Esposito Bianchi Romano Colombo Ricci Marino Greco",
        "Milan;Rome;Turin;Bologna;Florence")),
    make_culture(7, (
        "Priya Ananya Kavya Neha Divya Meera Aditi Shreya",
        "Aarav Rohan Vikram Arjun Sanjay Rahul Karthik Nikhil",
        "Sharma Patel Iyer Reddy Gupta Nair Menon Rao Singh Kapoor Joshi Desai",
        "Bengaluru;Mumbai;Pune;Hyderabad;Delhi;Chennai")),
    make_culture(4, (
        "Chiamaka Ngozi Adaeze Folake Amaka Yetunde",
        "Chinedu Emeka Tunde Oluwaseun Ifeanyi Babatunde",
        "Okafor Adeyemi Okonkwo Balogun Eze Nwosu Adebayo Obi",
        "Lagos;Abuja;Accra;Nairobi")),
    make_culture(5, (
        "Fang:芳 Jing:静 Yan:燕 Lan:兰 Xiuying:秀英 Ting:婷 Hui:慧",
        "Wei:伟 Lei:磊 Jun:军 Hao:浩 Ming:明 Jie:杰 Yu:宇",
        "Wang:王 Li:李 Zhang:张 Liu:刘 Chen:陈 Yang:杨 Huang:黄 Zhao:赵 Wu:吴 Zhou:周",
        "Shanghai;Beijing;Shenzhen;Singapore;Hong Kong"), 0.3, "eastern"),
    make_culture(3, (
        "Yui:結衣 Sakura:さくら Aoi:葵 Hina:陽菜 Mei:芽衣",
        "Haruto:陽翔 Ren:蓮 Sota:颯太 Yuto:悠斗 Kenji:健二",
        "Sato:佐藤 Suzuki:鈴木 Takahashi:高橋 Tanaka:田中 Watanabe:渡辺 Ito:伊藤 "
        "Yamamoto:山本 Nakamura:中村",
        "Tokyo;Osaka;Kyoto;Fukuoka"), 0.3, "eastern"),
    make_culture(3, (
        "Seo-yeon:서연 Ha-eun:하은 Ji-woo:지우 Su-bin:수빈",
        "Min-jun:민준 Ji-ho:지호 Do-yun:도윤 Seo-jun:서준",
        "Kim:김 Lee:이 Park:박 Choi:최 Jung:정 Kang:강 Cho:조 Yoon:윤",
        "Seoul;Busan;Incheon"), 0.3, "eastern"),
    make_culture(3, (
        "Anna:Анна Olga:Ольга Elena:Елена Natalia:Наталья Maria:Мария",
        "Dmitry:Дмитрий Sergey:Сергей Ivan:Иван Alexei:Алексей Pavel:Павел",
        "Ivanov/Ivanova:Иванов/Иванова Smirnov/Smirnova:Смирнов/Смирнова "
        "Volkov/Volkova:Волков/Волкова Sokolov/Sokolova:Соколов/Соколова "
        "Popov/Popova:Попов/Попова Lebedev/Lebedeva:Лебедев/Лебедева",
        "Tbilisi;Belgrade;Riga;Almaty"), 0.35),
    make_culture(2, (
        "Maria:Μαρία Eleni:Ελένη Katerina:Κατερίνα Sofia:Σοφία",
        "Giorgos:Γιώργος Nikos:Νίκος Dimitris:Δημήτρης Kostas:Κώστας",
        "Papadopoulos/Papadopoulou:Παπαδόπουλος/Παπαδοπούλου Georgiou:Γεωργίου "
        "Nikolaidis/Nikolaidou:Νικολαΐδης/Νικολαΐδου Oikonomou:Οικονόμου "
        "Vlachos/Vlachou:Βλάχος/Βλάχου",
        "Athens;Thessaloniki;Nicosia"), 0.3),
    make_culture(3, (
        "Layla:ليلى Fatima:فاطمة Noor:نور Yasmin:ياسمين Rania:رانيا",
        "Omar:عمر Youssef:يوسف Karim:كريم Tariq:طارق Sami:سامي",
        "Haddad:حداد Khoury:خوري Mansour:منصور Nasser:ناصر Saleh:صالح Aziz:عزيز",
        "Dubai;Amman;Beirut;Cairo;Casablanca"), 0.25),
    make_culture(3, (
        "Linh Trang Hương Thảo Mai Ngọc_Anh",
        "Minh Đức Quang Tuấn Hiếu Khoa",
        "Nguyễn Trần Lê Phạm Hoàng Vũ Đặng Bùi",
        "Ho Chi Minh City;Hanoi;Da Nang"), 0, "vietnamese"),
    make_culture(3, (
        "Zofia Agnieszka Małgorzata Katarzyna Magdalena",
        "Jakub Piotr Tomasz Michał Krzysztof",
        "Kowalski/Kowalska Nowak Wiśniewski/Wiśniewska Wójcik Kamiński/Kamińska "
        "Lewandowski/Lewandowska Zieliński/Zielińska",
        "Warsaw;Kraków;Wrocław;Gdańsk")),
    make_culture(3, (
        "Elif Zeynep Ayşe Defne Ece",
        "Emre Mehmet Burak Can Kerem",
        "Yılmaz Kaya Demir Şahin Çelik Aydın Öztürk",  # noqa: RUF001 - Turkish dotless i
        "Istanbul;Ankara;Izmir")),
    make_culture(3, (
        "Astrid Ingrid Freja Sigrid Maja",
        "Erik Lars Nils Anders Johan",
        "Andersson Johansson Lindqvist Berg Nyström Larsen Hansen Virtanen",
        "Stockholm;Copenhagen;Oslo;Helsinki")),
)
VIETNAMESE_MIDDLE = ("Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Đức", "Quốc")
INITIALS = "ABCDEFGHJKLMNOPRSTVW"

INDUSTRIES = {
    "Software": "Software Cloud Data Analytics Systems Labs",
    "Financial services": "Pay Capital Ledger Finance Bank",
    "Healthcare": "Health Care Clinics Medical Therapeutics",
    "Climate & energy": "Energy Solar Grid Wind Carbon",
    "Manufacturing": "Manufacturing Robotics Industries Materials",
    "Retail": "Retail Market Goods Stores",
    "Media": "Media Studios Press Publishing",
    "Consulting": "Consulting Advisory Strategy",
    "Education": "Learning Academy Education",
    "Logistics": "Logistics Freight Shipping Mobility",
    "Biotech": "Bio Genomics Biosciences",
    "Nonprofit": "Foundation Trust Alliance",
    "Hospitality": "Hotels Travel Kitchens",
    "Telecommunications": "Networks Telecom Connect",
    "Legal": "Law Legal",
}
ORG_PREFIXES = (
    "Northwind", "Bluebird", "Harbor", "Summit", "Redwood", "Lumen", "Atlas", "Cedar",
    "Meridian", "Silverline", "Orchard", "Beacon", "Kestrel", "Granite", "Willow",
    "Aurora", "Copperleaf", "Brightwater", "Ironbridge", "Foxglove", "Oakridge",
    "Starling", "Tidewater", "Evergreen", "Halcyon", "Juniper", "Larkspur", "Mosaic",
    "Nimbus", "Pioneer", "Quarry", "Riverside", "Sable", "Tandem", "Upland", "Vantage",
    "Westbrook", "Yarrow", "Zephyr", "Alder", "Corvid", "Driftwood", "Emberly",
    "Fairhaven", "Glasshouse", "Heron", "Inkwell", "Lighthouse", "Maple", "Nettle",
    "Opal", "Pinecrest", "Saltmarsh", "Thistle", "Wavelength", "Kingfisher",
)
ORG_TAILS = ("Group", "Partners", "Collective", "Works", "Studio", "Institute")
TITLES = (
    "Software Engineer", "Senior Software Engineer", "Staff Engineer",
    "Engineering Manager", "Product Manager", "Senior Product Manager",
    "Product Designer", "UX Researcher", "Data Scientist", "Data Engineer",
    "Analytics Lead", "Marketing Manager", "Content Strategist", "Sales Director",
    "Account Executive", "Customer Success Lead", "Operations Manager",
    "Finance Manager", "Controller", "Recruiter", "Talent Partner",
    "HR Business Partner", "Project Manager", "Program Manager", "Consultant",
    "Senior Consultant", "Policy Advisor", "Research Scientist", "Teacher",
    "Nurse Practitioner", "Physician", "Lawyer", "Architect", "Editor", "Journalist",
    "Founder", "Co-founder",
)
SENIOR_TITLES = (
    "Head of Product", "Head of Engineering", "Head of Data", "VP Engineering",
    "VP Product", "Director of Operations", "Director of Talent",
    "Chief Technology Officer", "Chief Operating Officer", "Managing Partner",
    "General Manager",
)
SCHOOLS = (
    "Lakeside University", "the Northern Polytechnic", "Riverside Business School",
    "St Columba's College", "the Technical University of the Coast",
    "Hillcrest Community College",
)
CONFERENCES = (
    "Northern Product Week", "the ClimateTech Forum", "Open Source Days",
    "the Data Practitioners Meetup", "the Women in Engineering Summit",
    "the Fintech Breakfast Club", "the Design Systems Conference",
)
COMMUNITIES = (
    "the alumni mentoring circle", "a Sunday running club",
    "the product managers' meetup", "the board of a local food bank",
    "a founders' peer group",
)
TOPICS = (
    "hiring plans", "the reorganisation", "climate tech", "their new team",
    "a product launch", "pricing", "data platforms", "remote work",
    "a conference talk", "career moves", "fundraising", "open-source work",
    "moving cities", "going freelance", "leadership coaching",
    "the market in their industry", "a side project", "parental leave", "AI tooling",
    "board roles", "public speaking", "negotiating an offer",
)
HOBBIES = (
    "trail running", "sailing", "chess", "sourdough", "jazz piano", "climbing",
    "birdwatching",
)
TAGS = (
    "mentor", "alumni", "former-colleague", "recruiter", "investor", "conference",
    "friend", "board", "client", "community", "climate", "speaker",
)
# Summaries by intent; an "intent:channel" entry replaces them on that channel.
SUMMARIES: dict[str, tuple[str, ...]] = {
    "catch-up": (
        "Quick hello to {g}; busy with {t} at {o}.",
        "Swapped messages with {g} about {t}.", "Caught up with {g} on {t}.",
    ),
    "catch-up:call": (
        "Call with {g} about {t}.", "Long call with {g}, mostly about {t}.",
    ),
    "catch-up:meeting": (
        "Coffee with {g}: caught up on {t}.", "Lunch with {g}; talked about {t}.",
    ),
    "catch-up:event": (
        "Bumped into {g} at a meetup; chatted about {t}.",
        "Saw {g} at a conference; talked about {t}.",
    ),
    "give": (
        "Sent {g} an article on {t}.", "Introduced {g} to someone who knows {t}.",
        "Shared a job posting that fits someone on {g}'s team.",
        "Gave feedback on {g}'s draft about {t}.",
        "Recommended {g} for a panel on {t}.",
    ),
    "thanks": (
        "Thanked {g} for the help with {t}.", "Sent {g} a thank-you note.",
        "Thanked {g} for the introduction.",
    ),
    "advice": (
        "Asked {g} for advice on {t}.", "{g} walked me through how {o} approaches {t}.",
    ),
    "advice:call": ("Advice call with {g} about {t}.",),
    "advice:meeting": (
        "Coffee with {g} to ask their advice on {t}.",
        "{g} walked me through how {o} approaches {t}.",
    ),
    "ask": (
        "Asked {g} for an introduction at {o}.", "Asked {g} to review my CV.",
        "Asked {g} for a reference.", "Asked {g} whether {o} is hiring.",
    ),
    "received": (
        "{g} sent me a lead on {t}.", "{g} introduced me to someone working on {t}.",
        "{g} shared notes on {t}.", "{g} invited me to speak about {t}.",
    ),
}
