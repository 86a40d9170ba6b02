/** Name pools for realistic learner emails; ASCII only so generated emails stay valid. */
export const FIRST_NAMES = [
  "maria", "jose", "ana", "luis", "sofia", "mateo", "lucia", "diego", "camila", "pablo",
  "emma", "liam", "olivia", "noah", "ava", "lucas", "mia", "leon", "hannah", "felix",
  "chloe", "hugo", "ines", "louis", "jade", "arthur", "lea", "nathan", "manon", "jules",
  "giulia", "marco", "chiara", "luca", "elena", "matteo", "sara", "davide", "anna", "paolo",
  "yuki", "haruto", "sakura", "ren", "aiko", "kenji", "mei", "wei", "li", "jun",
  "fatima", "omar", "layla", "yusuf", "amira", "karim", "nour", "ali", "zara", "samir",
  "priya", "arjun", "ananya", "rohan", "isha", "vikram", "tomasz", "agnieszka", "piotr", "katarzyna",
  "olga", "ivan", "daria", "mikhail", "sven", "ingrid", "lars", "freya", "mehmet", "elif",
  "chidi", "amara", "kwame", "ama", "thiago", "beatriz", "rafael", "larissa", "min", "jisoo",
] as const;

export const LAST_NAMES = [
  "garcia", "martinez", "rodriguez", "lopez", "gonzalez", "perez", "sanchez", "ramirez", "torres", "flores",
  "muller", "schmidt", "schneider", "fischer", "weber", "meyer", "wagner", "becker", "hoffmann", "koch",
  "martin", "bernard", "dubois", "thomas", "robert", "richard", "petit", "durand", "leroy", "moreau",
  "rossi", "russo", "ferrari", "esposito", "bianchi", "romano", "colombo", "ricci", "marino", "greco",
  "smith", "johnson", "williams", "brown", "jones", "miller", "davis", "wilson", "anderson", "taylor",
  "tanaka", "suzuki", "sato", "takahashi", "watanabe", "chen", "wang", "zhang", "liu", "kim",
  "park", "lee", "nguyen", "tran", "khan", "hassan", "haddad", "yilmaz", "kaya", "sharma",
  "patel", "singh", "kowalski", "nowak", "wisniewski", "ivanova", "petrov", "andersson", "johansson", "nielsen",
  "okafor", "mensah", "silva", "santos", "oliveira", "souza", "costa", "pereira", "oconnor", "murphy",
] as const;

export const EMAIL_DOMAINS = { "example.com": 60, "example.org": 25, "example.net": 15 } as const;
