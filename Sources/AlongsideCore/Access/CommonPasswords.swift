/// Passwords of 10 or more characters that appear near the top of published breach-frequency lists, written
/// out here by the project (lower case). Shorter ones are already refused by length.
enum CommonPasswords {
    static let list: Set<String> = [
        "1234567890", "12345678910", "123456789a", "1234567890a", "0987654321", "1q2w3e4r5t",
        "1q2w3e4r5t6y", "1qaz2wsx3edc", "qwertyuiop", "qwertyuiop1", "qwerty1234", "qwerty12345",
        "qwerty123456", "qwertyqwerty", "asdfghjkl1", "asdfghjkl;", "zxcvbnm123", "1qazxsw23edc",
        "password12", "password123", "password1234", "password12345", "password!1", "password01",
        "passw0rd123", "p@ssw0rd123", "p@ssword123", "password2020", "password2021", "password2022",
        "password2023", "password2024", "password2025", "password2026", "passwordpassword",
        "iloveyou12", "iloveyou123", "iloveyou1234", "welcome123", "welcome1234", "welcome2024",
        "welcome2025", "welcome2026", "letmein123", "letmein1234", "football123", "football12",
        "liverpool1", "liverpool123", "arsenal123", "chelsea123", "manchester", "manchester1",
        "manutd1234", "sunshine123", "princess123", "princess12", "starwars123", "superman123",
        "batman1234", "trustno1234", "monkey1234", "dragon1234", "abc1234567", "abcd123456",
        "abcdef1234", "abcdefg123", "a123456789", "aa12345678", "qazwsxedc123", "qazwsxedcrfv",
        "1111111111", "0000000000", "1212121212", "123123123123", "1234512345", "1234554321",
        "12344321", "9876543210", "12345qwert", "12345qwerty", "qwert12345", "q1w2e3r4t5",
        "q1w2e3r4t5y6", "changeme123", "changeme1234", "administrator", "admin12345", "admin123456",
        "adminadmin", "computer123", "internet123", "baseball123", "basketball", "basketball1",
        "football1234", "michael123", "jennifer123", "jessica123", "charlie123", "whatever123",
        "nhspassword", "nhspassword1", "lancaster1", "lancaster123", "morecambe1", "morecambe123",
        "alongside1", "alongside123", "alongsidedemo", "alongside-demo", "summer2024", "summer2025",
        "summer2026", "winter2025", "winter2026", "spring2026", "autumn2026", "christmas123",
        "letmeinnow", "blink182182", "myspace123", "mypassword", "mypassword1", "mypassword123",
        "secret1234", "secretpassword", "hello12345", "hello123456", "helloworld", "helloworld1",
        "iloveyou!1", "loveyou123", "babygirl123", "sweetheart", "sweetheart1", "butterfly1",
        "chocolate1", "chocolate123", "elizabeth1", "pokemon123", "minecraft1", "minecraft123",
        "fortnite123", "unbelievable", "1234qwer", "1qaz2wsx3e", "zaq12wsxcde", "zaq1zaq1zaq1",
    ]
}
