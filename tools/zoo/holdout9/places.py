"""Name, place and phone pools of the holdout9 countries (Greece, Russia, Japan, South Korea,
Israel, Portugal): names in their own script with the Latin letters (and the kana of Japanese
names) beside them; surnames in the masculine and feminine forms where the language has both."""

from __future__ import annotations

import random

from tools.zoo.holdout9.common import First, Last

GR_FIRST: tuple[First, ...] = (
    ("Γιώργος", "Giorgos", "m", ""), ("Μαρία", "Maria", "f", ""),
    ("Δημήτρης", "Dimitris", "m", ""), ("Ελένη", "Eleni", "f", ""),
    ("Κωνσταντίνος", "Konstantinos", "m", ""), ("Αικατερίνη", "Aikaterini", "f", ""),
    ("Νικόλαος", "Nikolaos", "m", ""), ("Σοφία", "Sofia", "f", ""),
    ("Ιωάννης", "Ioannis", "m", ""), ("Βασιλική", "Vasiliki", "f", ""),
    ("Παναγιώτης", "Panagiotis", "m", ""), ("Αναστασία", "Anastasia", "f", ""),
    ("Χρήστος", "Christos", "m", ""), ("Δέσποινα", "Despoina", "f", ""))
GR_LAST: tuple[Last, ...] = (
    ("Παπαδόπουλος", "Παπαδοπούλου", "Papadopoulos", "Papadopoulou", ""),
    ("Παπαδάκης", "Παπαδάκη", "Papadakis", "Papadaki", ""),
    ("Γεωργίου", "Γεωργίου", "Georgiou", "Georgiou", ""),
    ("Οικονόμου", "Οικονόμου", "Oikonomou", "Oikonomou", ""),
    ("Καραγιάννης", "Καραγιάννη", "Karagiannis", "Karagianni", ""),
    ("Βλάχος", "Βλάχου", "Vlachos", "Vlachou", ""),
    ("Μακρής", "Μακρή", "Makris", "Makri", ""),
    ("Νικολάου", "Νικολάου", "Nikolaou", "Nikolaou", ""),
    ("Αντωνίου", "Αντωνίου", "Antoniou", "Antoniou", ""),
    ("Κωνσταντινίδης", "Κωνσταντινίδου", "Konstantinidis", "Konstantinidou", ""))
GR_PLACES = (("Αθήνα", "Αττική", "115 21"), ("Χαλάνδρι", "Αττική", "152 31"),
             ("Μαρούσι", "Αττική", "151 24"), ("Γλυφάδα", "Αττική", "166 75"),
             ("Κηφισιά", "Αττική", "145 62"), ("Περιστέρι", "Αττική", "121 34"))
GR_STREETS = ("Λεωφ. Κηφισίας", "Πατησίων", "Ερμού", "Βασ. Σοφίας", "Αγίου Δημητρίου",
              "Σταδίου")

RU_FIRST: tuple[First, ...] = (
    ("Александр", "Aleksandr", "m", ""), ("Елена", "Elena", "f", ""),
    ("Дмитрий", "Dmitriy", "m", ""), ("Ольга", "Olga", "f", ""),
    ("Сергей", "Sergey", "m", ""), ("Наталья", "Natalya", "f", ""),
    ("Андрей", "Andrey", "m", ""), ("Татьяна", "Tatyana", "f", ""),
    ("Михаил", "Mikhail", "m", ""), ("Анна", "Anna", "f", ""),
    ("Иван", "Ivan", "m", ""), ("Юлия", "Yuliya", "f", ""),
    ("Алексей", "Aleksey", "m", ""), ("Ирина", "Irina", "f", ""))
RU_LAST: tuple[Last, ...] = (
    ("Иванов", "Иванова", "Ivanov", "Ivanova", ""),
    ("Смирнов", "Смирнова", "Smirnov", "Smirnova", ""),
    ("Кузнецов", "Кузнецова", "Kuznetsov", "Kuznetsova", ""),
    ("Попов", "Попова", "Popov", "Popova", ""),
    ("Соколов", "Соколова", "Sokolov", "Sokolova", ""),
    ("Лебедев", "Лебедева", "Lebedev", "Lebedeva", ""),
    ("Козлов", "Козлова", "Kozlov", "Kozlova", ""),
    ("Новиков", "Новикова", "Novikov", "Novikova", ""),
    ("Морозов", "Морозова", "Morozov", "Morozova", ""),
    ("Волков", "Волкова", "Volkov", "Volkova", ""))
# the father's name gives the patronymic: (masculine, feminine)
RU_PATRONYMIC = (("Александрович", "Александровна"), ("Сергеевич", "Сергеевна"),
                 ("Дмитриевич", "Дмитриевна"), ("Андреевич", "Андреевна"),
                 ("Михайлович", "Михайловна"), ("Иванович", "Ивановна"),
                 ("Владимирович", "Владимировна"), ("Николаевич", "Николаевна"))
RU_PLACES = (("Москва", "Москва", "125009"), ("Москва", "Москва", "119021"),
             ("Москва", "Москва", "129090"), ("Химки", "Московская обл.", "141400"),
             ("Мытищи", "Московская обл.", "141008"), ("Люберцы", "Московская обл.", "140000"))
RU_STREETS = ("ул. Тверская", "ул. Профсоюзная", "Ленинский пр-т", "ул. Новослободская",
              "пр-т Мира", "ул. Садовая-Кудринская")

JP_FIRST: tuple[First, ...] = (
    ("翔太", "shota", "m", "ショウタ"), ("陽菜", "hina", "f", "ヒナ"),
    ("大輔", "daisuke", "m", "ダイスケ"), ("美咲", "misaki", "f", "ミサキ"),
    ("健一", "kenichi", "m", "ケンイチ"), ("恵子", "keiko", "f", "ケイコ"),
    ("拓也", "takuya", "m", "タクヤ"), ("由美", "yumi", "f", "ユミ"),
    ("誠", "makoto", "m", "マコト"), ("花子", "hanako", "f", "ハナコ"),
    ("蓮", "ren", "m", "レン"), ("結衣", "yui", "f", "ユイ"),
    ("浩二", "koji", "m", "コウジ"), ("明美", "akemi", "f", "アケミ"),
    ("悠真", "yuma", "m", "ユウマ"), ("さくら", "sakura", "f", "サクラ"))
JP_LAST: tuple[Last, ...] = tuple((k, k, r, r, kana) for k, r, kana in (
    ("佐藤", "sato", "サトウ"), ("鈴木", "suzuki", "スズキ"), ("高橋", "takahashi", "タカハシ"),
    ("田中", "tanaka", "タナカ"), ("伊藤", "ito", "イトウ"), ("渡辺", "watanabe", "ワタナベ"),
    ("山本", "yamamoto", "ヤマモト"), ("中村", "nakamura", "ナカムラ"),
    ("小林", "kobayashi", "コバヤシ"), ("加藤", "kato", "カトウ")))
# (ward, prefecture, postcode); the towns of each ward below
JP_PLACES = (("渋谷区", "東京都", "150-0001"), ("渋谷区", "東京都", "151-0053"),
             ("世田谷区", "東京都", "154-0004"), ("目黒区", "東京都", "153-0063"),
             ("港区", "東京都", "106-0032"), ("新宿区", "東京都", "160-0022"))
JP_TOWNS = {"渋谷区": ("神宮前", "代々木", "恵比寿"), "世田谷区": ("太子堂", "三軒茶屋"),
            "目黒区": ("目黒", "自由が丘"), "港区": ("六本木", "南青山"),
            "新宿区": ("新宿", "西新宿")}

KR_FIRST: tuple[First, ...] = (
    ("민준", "minjun", "m", ""), ("서연", "seoyeon", "f", ""), ("도윤", "doyun", "m", ""),
    ("지우", "jiwoo", "f", ""), ("현우", "hyunwoo", "m", ""), ("수빈", "subin", "f", ""),
    ("지훈", "jihoon", "m", ""), ("민지", "minji", "f", ""), ("성민", "sungmin", "m", ""),
    ("영희", "younghee", "f", ""), ("동현", "donghyun", "m", ""), ("은지", "eunji", "f", ""),
    ("준호", "junho", "m", ""), ("미경", "mikyung", "f", ""), ("상훈", "sanghoon", "m", ""),
    ("하은", "haeun", "f", ""))
KR_LAST: tuple[Last, ...] = tuple((k, k, r, r, "") for k, r in (
    ("김", "kim"), ("이", "lee"), ("박", "park"), ("최", "choi"), ("정", "jung"),
    ("강", "kang"), ("조", "cho"), ("윤", "yoon"), ("장", "jang"), ("임", "lim")))
KR_PLACES = (("강남구", "서울특별시", "06236"), ("서초구", "서울특별시", "06611"),
             ("송파구", "서울특별시", "05551"), ("마포구", "서울특별시", "04044"),
             ("분당구", "경기도 성남시", "13561"), ("수지구", "경기도 용인시", "16837"))
KR_STREETS = ("테헤란로", "강남대로", "올림픽로", "월드컵로", "판교역로", "포은대로")

IL_FIRST: tuple[First, ...] = (
    ("נועה", "noa", "f", ""), ("יוסף", "yosef", "m", ""), ("תמר", "tamar", "f", ""),
    ("דוד", "david", "m", ""), ("מאיה", "maya", "f", ""), ("אורי", "uri", "m", ""),
    ("שירה", "shira", "f", ""), ("איתי", "itai", "m", ""), ("רחל", "rachel", "f", ""),
    ("משה", "moshe", "m", ""), ("יעל", "yael", "f", ""), ("דניאל", "daniel", "m", ""),
    ("אביגיל", "avigail", "f", ""), ("עומר", "omer", "m", ""), ("מיכל", "michal", "f", ""),
    ("אליהו", "eliyahu", "m", ""))
IL_LAST: tuple[Last, ...] = tuple((h, h, r, r, "") for h, r in (
    ("כהן", "cohen"), ("לוי", "levi"), ("מזרחי", "mizrahi"), ("פרץ", "peretz"),
    ("ביטון", "biton"), ("דהן", "dahan"), ("אברהם", "avraham"), ("פרידמן", "friedman"),
    ("אזולאי", "azoulay"), ("שפירא", "shapira")))
IL_PLACES = (("תל אביב-יפו", "", "6433203"), ("רמת גן", "", "5252007"),
             ("גבעתיים", "", "5348301"), ("חולון", "", "5822012"), ("הרצליה", "", "4610001"),
             ("פתח תקווה", "", "4951001"))
IL_STREETS = ("דיזנגוף", "אבן גבירול", "הרצל", "ז'בוטינסקי", "ויצמן", "רוטשילד")

PT_FIRST: tuple[First, ...] = (
    ("Maria João", "mariajoao", "f", ""), ("João Pedro", "joaopedro", "m", ""),
    ("Ana Rita", "anarita", "f", ""), ("Francisco", "francisco", "m", ""),
    ("Beatriz", "beatriz", "f", ""), ("Tiago", "tiago", "m", ""),
    ("Inês", "ines", "f", ""), ("Duarte", "duarte", "m", ""),
    ("Leonor", "leonor", "f", ""), ("Rui", "rui", "m", ""),
    ("Carolina", "carolina", "f", ""), ("Gonçalo", "goncalo", "m", ""),
    ("Mariana", "mariana", "f", ""), ("Luís Miguel", "luismiguel", "m", ""),
    ("Matilde", "matilde", "f", ""), ("Rodrigo", "rodrigo", "m", ""))
PT_LAST: tuple[Last, ...] = tuple((n, n, a, a, "") for n, a in (
    ("Silva Santos", "santos"), ("Ferreira Pereira", "pereira"), ("Costa Oliveira", "oliveira"),
    ("Rodrigues Martins", "martins"), ("Sousa Fernandes", "fernandes"),
    ("Gonçalves Lopes", "lopes"), ("Almeida Marques", "marques"),
    ("Ribeiro Carvalho", "carvalho"), ("Pinto Teixeira", "teixeira"),
    ("Mendes Azevedo", "azevedo")))
PT_PLACES = (("Lisboa", "Lisboa", "1000-138"), ("Lisboa", "Lisboa", "1250-096"),
             ("Lisboa", "Lisboa", "1700-163"), ("Amadora", "Lisboa", "2700-595"),
             ("Oeiras", "Lisboa", "2780-061"), ("Odivelas", "Lisboa", "2675-300"))
PT_STREETS = ("Rua Augusta", "Av. da República", "Rua de São Bento", "Av. Almirante Reis",
              "Rua Morais Soares", "Av. de Roma")


def gr_phone(rng: random.Random, kind: str) -> str:
    """Ten digits: mobiles `69x`, Athens landlines `210`, written `6944 123456`, `210 1234567`."""
    r = rng.randrange
    if kind == "mobile":
        return f"69{rng.choice('3457789')}{r(0, 9)} {r(100000, 999999)}"
    return f"210 {r(1000000, 9999999)}"


def ru_phone(rng: random.Random, kind: str) -> str:
    """`+7 (916) 123-45-67`; Moscow landlines `+7 (495) 123-45-67`."""
    r = rng.randrange
    code = rng.choice(("916", "903", "925", "985", "926")) if kind == "mobile" \
        else rng.choice(("495", "499"))
    return f"+7 ({code}) {r(100, 999)}-{r(10, 99)}-{r(10, 99)}"


def jp_phone(rng: random.Random, kind: str) -> str:
    """Mobiles `090-1234-5678`, Tokyo landlines `03-1234-5678`."""
    r = rng.randrange
    head = rng.choice(("090", "080", "070")) if kind == "mobile" else "03"
    return f"{head}-{r(1000, 9999)}-{r(1000, 9999)}"


def kr_phone(rng: random.Random, kind: str) -> str:
    """Mobiles `010-1234-5678`, Seoul landlines `02-123-4567`, Gyeonggi `031-...`."""
    r = rng.randrange
    if kind == "mobile":
        return f"010-{r(1000, 9999)}-{r(1000, 9999)}"
    return f"{rng.choice(('02', '031'))}-{r(200, 999)}-{r(1000, 9999)}"


def il_phone(rng: random.Random, kind: str) -> str:
    """Mobiles `050-1234567` (050, 052, 053, 054, 058), Tel Aviv `03-6123456`."""
    r = rng.randrange
    if kind == "mobile":
        return f"05{rng.choice('02348')}-{r(1000000, 9999999)}"
    return f"03-{r(5000000, 7999999)}"


def pt_phone(rng: random.Random, kind: str) -> str:
    """Nine digits in threes: mobiles `912 345 678` (91, 92, 93, 96), Lisbon `21x xxx xxx`."""
    r = rng.randrange
    if kind == "mobile":
        return f"9{rng.choice('1236')}{r(0, 9)} {r(100, 999)} {r(100, 999)}"
    return f"21{r(0, 9)} {r(100, 999)} {r(100, 999)}"
