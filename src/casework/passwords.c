/*
 * passwords.c - made-up passwords (see passwords.h).
 */
#include "passwords.h"

#include <sodium.h>
#include <stdbool.h>
#include <string.h>

#include "error.h"

/* 256 short Danish words without æ, ø and å, all different (a unit test
 * checks both), so a word is 8 bits. */
static const char *const words[] = {
    "abild", "agern", "anker", "birk", "bjerg", "blomst", "bolche", "bonde", "brise", "bugt",
    "drage", "dukke", "fjord", "flod", "fugl", "gran", "grotte", "hasle", "havn", "hegn",
    "hest", "hjort", "humle", "kage", "kanel", "kano", "klit", "kilde", "kompas", "krage",
    "kyst", "lampe", "lind", "lyng", "mark", "mose", "musling", "nisse", "oase", "odder",
    "pibe", "pil", "rav", "rogn", "sand", "sejl", "skov", "sol", "spurv", "stjerne", "storm",
    "strand", "svane", "tang", "tinde", "tran", "tulipan", "ugle", "vaffel", "vind", "bro",
    "eng", "frugt", "hytte", "abe", "ager", "alf", "ask", "bakke", "balje", "banan", "bark",
    "bille", "bjelke", "blad", "blink", "blyant", "bold", "bord", "borg", "brand", "brev",
    "brik", "brud", "bryst", "bunke", "burre", "dal", "dam", "damp", "dans", "dige", "drys",
    "due", "dyne", "egern", "elg", "elv", "fad", "fakkel", "fane", "farve", "fasan", "fisk",
    "flag", "flaske", "flue", "fod", "fole", "fyr", "gade", "gaffel", "gave", "gedde", "gilde",
    "glas", "glente", "gnist", "gren", "gryde", "hak", "hale", "hammer", "hane", "hare", "hat",
    "hav", "hede", "hjul", "honning", "horn", "hule", "hund", "hvede", "jord", "kabel",
    "kaffe", "kalk", "kam", "kappe", "karse", "kasse", "kat", "kegle", "kerne", "kiste",
    "kjole", "klokke", "kno", "knold", "kobber", "kok", "kop", "kork", "kort", "krone",
    "krukke", "kugle", "kurv", "kvist", "lade", "lam", "lanterne", "lerke", "lue", "lund",
    "luft", "lupin", "malm", "mandel", "maske", "mast", "mejse", "melon", "mole", "mus",
    "myre", "nat", "nelde", "net", "nord", "okse", "olie", "orm", "ost", "padde", "palme",
    "papir", "park", "perle", "pind", "plante", "plov", "pose", "post", "pude", "pumpe",
    "rabat", "radise", "ravn", "regn", "rede", "rejse", "ring", "ris", "rose", "rug", "rulle",
    "ruse", "sadel", "saft", "salat", "salme", "sild", "skal", "skib", "skjold", "sko", "sky",
    "slot", "slange", "smed", "snegl", "sne", "sok", "spade", "spir", "spole", "stald",
    "stamme", "sten", "stok", "strik", "sukker", "sump", "tag", "tavle", "telt", "tidsel",
    "tog", "top", "torn", "tromme", "tue", "uld", "vej", "vippe", "vogn", "vold", "vugge",
    "hjelm", "kamel", "lilje", "sommer", "vinter", "kalv",
};
#define N_WORDS (sizeof words / sizeof words[0])
_Static_assert(N_WORDS == 256, "a word is 8 bits");

genop_err casework_password_generate(char *buf, size_t size, unsigned n, genop_error *e)
{
    if (size)
        buf[0] = '\0';
    if (n < 1 || n > 6)
        return genop_fail(e, GENOP_EINVAL, "en adgangskode har 1-6 ord, ikke %u", n);
    size_t used = 0;
    bool fits = true;
    for (unsigned i = 0; fits && i < n; i++) {
        fits = genop_bprintf(buf + used, size - used, "%s-", words[randombytes_uniform(N_WORDS)]);
        used += strlen(buf + used);
    }
    if (fits)
        fits = genop_bprintf(buf + used, size - used, "%02u",
                             (unsigned)(10 + randombytes_uniform(90)));
    if (!fits) {
        sodium_memzero(buf, size);
        return genop_fail(e, GENOP_ETOOBIG, "der er ikke plads til adgangskoden");
    }
    return GENOP_OK;
}

const char *const *casework_password_words(size_t *n)
{
    *n = N_WORDS;
    return words;
}
