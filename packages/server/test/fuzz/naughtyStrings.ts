/**
 * A representative subset of the Big List of Naughty Strings (github.com/minimaxir/big-list-of-naughty-strings,
 * MIT licence), picked and extended by hand because the package is not installed: one or more from each of its
 * sections, plus what a chat server meets in particular (mentions, markdown, NoSQL operators, path tricks).
 */
export const NAUGHTY_STRINGS: readonly string[] = [
  // Reserved strings
  "undefined", "undef", "null", "NULL", "(null)", "nil", "NIL", "true", "false", "True", "None", "hasOwnProperty", "__proto__", "constructor", "prototype", "\\", "\\\\",
  // Numeric strings
  "0", "1", "1.00", "-1", "-0", "0x0", "1e309", "-1e309", "NaN", "Infinity", "-Infinity", "0xffffffffffffffff", "9007199254740993", "1/0", "0..0", "1,000.00",
  // Whitespace and invisible characters
  " ", "\t", "\n", "\r\n", "\u00a0", "\u2028", "\u2029", "\u200b", "\u200d", "\ufeff", "\u180e", "\u3000", "  leading and trailing  ",
  // Right-to-left and bidi overrides
  "مرحبا بالعالم", "שלום עולם", "\u202eevil.exe\u202dtxt.png", "\u202a\u202b\u202c\u202d\u202e", "admin\u202e", "ثم نفس سقطت وبالتحديد،, جزيرتي باستخدام أن دنو.",
  // Unicode: accents, CJK, two-byte, combining marks, Zalgo, upside down, fullwidth, astral
  "Ω≈ç√∫˜µ≤≥÷", "åß∂ƒ©˙∆˚¬…æ", "田中さんにあげて下さい", "数据库", "사회과학원 어학연구소", "𠜎𠜱𠝹𠱓", "Ṱ̺̺̕o͞ ̷i̲̬͇̪͙n̝̗͕v̟̜̘̦͟o̶̙̰̠kè͚̮̺̪̹̱̤ ̖t̝͕̳̣̻̪͞h̼͓̲̦̳̘̲e͇̣̰̦̬͎ ̢̼̻̱̘h͚͎͙̜̣̲ͅi̦̲̣̰̤v̻͍e̺̭̳̪̰-m̢iͅn̖̺̞̲̯̰d̵̼̟͙̩̼̘̳",
  "˙ɐnbᴉlɐ ɐuƃɐɯ ǝɹolop ʇǝ ǝɹoqɐl ʇn ʇunpᴉpᴉɔuᴉ", "ｔｈｅ ｑｕｉｃｋ ｂｒｏｗｎ ｆｏｘ", "ａｌｉｃｅ", "Alice", "ALICE", "e\u0301", "\u00e9", "ﬁ", "İstanbul", "ß",
  // Emoji, including joiners, flags and modifiers
  "😍", "👩🏽‍💻", "👨‍👩‍👧‍👦", "🇺🇸🇬🇧", "🏳️‍🌈", "❤️", "0️⃣ 1️⃣ 2️⃣", "🐵 🙈 🙉 🙊",
  // Script injection
  "<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "\"><svg/onload=alert(1)>", "javascript:alert(1)", "<a href=\"javascript:alert(1)\">x</a>", "';alert(String.fromCharCode(88,83,83))//",
  "<iframe src=\"data:text/html,<script>alert(1)</script>\">", "{{constructor.constructor('alert(1)')()}}", "${7*7}", "#{7*7}", "<%= 7*7 %>", "[x](javascript:alert(1))", "![x](x\" onerror=\"alert(1))",
  // SQL injection
  "1;DROP TABLE users", "' OR '1'='1", "'; DROP TABLE messages; --", "1' ORDER BY 1--", "admin'--", "\" OR \"\"=\"", "%' OR 1=1 --", "1 UNION SELECT password_hash FROM users",
  // NoSQL and operators as text
  "{\"$gt\":\"\"}", "[$ne]=1", "$where", "{\"__proto__\":{\"admin\":true}}",
  // Server code and shell injection
  "`touch /tmp/pwned`", "$(touch /tmp/pwned)", "; rm -rf / ;", "| cat /etc/passwd", "%0d%0aSet-Cookie:x=y", "\r\nX-Injected: 1",
  // Format strings and path traversal
  "%s%s%s%s%s", "%d%n", "{0}", "%x%x%x", "../../../../etc/passwd", "..\\..\\windows\\win.ini", "/dev/null", "file:///etc/passwd", "CON", "PRN", "AUX", "NUL", "COM1", "a/b", ".hidden", "..",
  // Chat-specific
  "@everyone", "@here", "@alice @bob @carol", "**bold** _it_ `code`", "```\ncode\n```", "> quote", "#general", "dm-0000000000000000",
  // Long and repetitive
  "a".repeat(33), "a".repeat(257), "A".repeat(4_000), "あ".repeat(4_001), "😀".repeat(2_000), "x ".repeat(10_000), "\u0301".repeat(500), "ab".repeat(20_000),
];

/** Strings the protocol refuses outright (both stores must refuse alike, before storing): NUL and lone surrogates. */
export const UNSTORABLE_STRINGS: readonly string[] = ["\u0000", "a\u0000b", "\ud800", "\udfff", "a\ud83dz", "\udc00\ud800"];
