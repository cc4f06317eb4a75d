/**
 * Russian names and company words for leads and contacts: enough variety that two leads rarely
 * look alike, all drawn from the seed.
 */
import type { Rng } from "./prng";

const MALE_FIRST = [
  "Александр",
  "Сергей",
  "Дмитрий",
  "Андрей",
  "Алексей",
  "Максим",
  "Евгений",
  "Иван",
  "Михаил",
  "Владимир",
  "Олег",
  "Роман",
  "Виктор",
  "Константин",
  "Денис",
  "Кирилл",
];
const FEMALE_FIRST = [
  "Елена",
  "Ольга",
  "Наталья",
  "Татьяна",
  "Ирина",
  "Светлана",
  "Анна",
  "Марина",
  "Юлия",
  "Екатерина",
  "Людмила",
  "Ксения",
  "Вера",
  "Дарья",
];
const LAST_STEMS = [
  "Иванов",
  "Петров",
  "Сидоров",
  "Смирнов",
  "Кузнецов",
  "Попов",
  "Лебедев",
  "Козлов",
  "Новиков",
  "Морозов",
  "Волков",
  "Соловьёв",
  "Зайцев",
  "Павлов",
  "Семёнов",
  "Голубев",
  "Виноградов",
  "Богданов",
  "Воробьёв",
  "Фролов",
  "Белов",
  "Медведев",
  "Никитин",
  "Орлов",
  "Тарасов",
  "Комаров",
  "Ершов",
  "Гусев",
  "Титов",
  "Крылов",
];

const COMPANY_A = [
  "Техно",
  "Строй",
  "Альфа",
  "Гранит",
  "Север",
  "Вектор",
  "Прайм",
  "Регион",
  "Мега",
  "Энерго",
  "Логистик",
  "Инвест",
  "Агро",
  "Стандарт",
  "Меридиан",
  "Восток",
  "Сфера",
  "Профи",
];
const COMPANY_B = [
  "ресурс",
  "сервис",
  "групп",
  "трейд",
  "маркет",
  "снаб",
  "пром",
  "лайн",
  "систем",
  "холдинг",
  "центр",
  "комплект",
];
const FORMS = ["ООО", "ООО", "ООО", "АО", "ИП"];

const SERVICES = [
  "абонентское обслуживание",
  "IT-аутсорсинг",
  "обслуживание оргтехники",
  "монтаж видеонаблюдения",
  "обслуживание кондиционеров",
  "настройка сети",
  "бухгалтерское сопровождение",
  "клининг офиса",
  "аудит инфраструктуры",
  "поставка и настройка серверов",
];

export function personName(rng: Rng): { first: string; last: string } {
  const female = rng.chance(0.45);
  const first = rng.pick(female ? FEMALE_FIRST : MALE_FIRST);
  const stem = rng.pick(LAST_STEMS);
  // Feminine surname: -ов → -ова, -ёв → -ёва, -ев → -ева, -ин → -ина.
  return { first, last: female ? `${stem}а` : stem };
}

export function companyName(rng: Rng): string {
  const form = rng.pick(FORMS);
  if (form === "ИП") {
    const p = personName(rng);
    return `ИП ${p.last} ${p.first[0]}.`;
  }
  return `${form} «${rng.pick(COMPANY_A)}${rng.pick(COMPANY_B)}»`;
}

export function serviceName(rng: Rng): string {
  return rng.pick(SERVICES);
}

/** A Russian mobile number, "+79XXXXXXXXX". */
export function mobilePhone(rng: Rng): string {
  let digits = "";
  for (let i = 0; i < 9; i++) digits += String(rng.int(0, 9));
  return `+79${digits}`;
}

const TRANSLIT: Record<string, string> = {
  а: "a",
  б: "b",
  в: "v",
  г: "g",
  д: "d",
  е: "e",
  ё: "e",
  ж: "zh",
  з: "z",
  и: "i",
  й: "y",
  к: "k",
  л: "l",
  м: "m",
  н: "n",
  о: "o",
  п: "p",
  р: "r",
  с: "s",
  т: "t",
  у: "u",
  ф: "f",
  х: "kh",
  ц: "ts",
  ч: "ch",
  ш: "sh",
  щ: "sch",
  ъ: "",
  ы: "y",
  ь: "",
  э: "e",
  ю: "yu",
  я: "ya",
};

export function translit(s: string): string {
  return [...s.toLowerCase()].map((ch) => TRANSLIT[ch] ?? ch).join("");
}

export function personEmail(rng: Rng, first: string, last: string): string {
  const domain = rng.pick(["mail.ru", "yandex.ru", "gmail.com", "bk.ru", "company.ru"]);
  return `${translit(first)[0]}.${translit(last)}@${domain}`;
}
