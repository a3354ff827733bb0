/// Names for synthetic people and organisations, written for the demo.
enum DemoNames {
    static let female = [
        "Olivia", "Amelia", "Isla", "Ava", "Mia", "Grace", "Freya", "Lily", "Sophie", "Ella", "Emily", "Poppy",
        "Evie", "Jessica", "Chloe", "Ruby", "Hannah", "Lucy", "Sarah", "Emma", "Rebecca", "Laura", "Claire",
        "Helen", "Karen", "Susan", "Margaret", "Patricia", "Linda", "Barbara", "Jean", "Dorothy", "Joan",
        "Aisha", "Fatima", "Priya", "Zainab", "Maryam", "Anna", "Agnieszka", "Niamh", "Siobhan", "Kirsty",
    ]
    static let male = [
        "Oliver", "George", "Harry", "Noah", "Jack", "Leo", "Arthur", "Oscar", "Charlie", "Jacob", "Thomas",
        "James", "William", "Daniel", "Samuel", "Joseph", "Michael", "David", "Andrew", "Paul", "Mark",
        "Stephen", "Peter", "John", "Robert", "Kevin", "Gary", "Brian", "Kenneth", "Ronald", "Alan", "Colin",
        "Mohammed", "Ibrahim", "Yusuf", "Arjun", "Rohan", "Piotr", "Tomasz", "Callum", "Liam", "Connor",
    ]
    static let family = [
        "Smith", "Jones", "Taylor", "Brown", "Wilson", "Johnson", "Wright", "Walker", "Robinson", "Thompson",
        "White", "Hughes", "Edwards", "Green", "Hall", "Wood", "Harris", "Lewis", "Martin", "Jackson", "Clarke",
        "Clark", "Turner", "Hill", "Scott", "Cooper", "Morris", "Ward", "Moore", "King", "Watson", "Baker",
        "Harrison", "Morgan", "Patel", "Young", "Allen", "Mitchell", "James", "Anderson", "Phillips", "Lee",
        "Bell", "Parker", "Davies", "Shaw", "Lawson", "Dixon", "Atkinson", "Kirkby", "Bateson", "Gardner",
        "Mason", "Hodgson", "Whiteside", "Procter", "Croft", "Airey", "Dobson", "Fell", "Hartley", "Rigg",
        "Hussain", "Khan", "Ahmed", "Begum", "Singh", "Kaur", "Nowak", "Kowalski", "O'Brien", "Murphy",
    ]
    static let organisations: [(String, String)] = [
        ("Bay Walkers", "Volunteer-led health walks along Morecambe promenade and the Lune."),
        ("Lune Valley Community Allotments", "Shared growing plots and gardening sessions for all abilities."),
        ("Heysham Men's Shed", "A workshop where men meet, make and mend together."),
        ("Lancaster Carers' Network", "Support, breaks and advice for unpaid carers."),
        ("Morecambe Bay Money Advice", "Free, confidential help with debt, benefits and budgeting."),
        ("Carnforth Community Arts", "Art, craft and music groups for adults and families."),
        ("Lancaster District Befriending", "Weekly visits and calls for people who feel alone."),
        ("Westgate Digital Inclusion Hub", "Help getting online: devices, data and patient support."),
        ("Bay Active", "Gentle exercise, tai chi and running for every age and ability."),
        ("Morecambe Bay Food Partnership", "Food banks and community meals across the district."),
        ("Lancaster Schools Sport", "Physical activity in the district's primary schools."),
        ("Lune Conservation Volunteers", "Practical conservation on local nature reserves."),
        ("Lancaster Wellbeing Hub", "Peer support and courses for living well with a health condition."),
        ("Lancaster Faith Forum", "Local faith communities working together for their neighbours."),
    ]
}
