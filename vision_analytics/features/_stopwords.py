"""Stop words for e-mail text: the words every business message carries.

Greetings, sign-offs, politeness, reply/forward markers, calendar words and
mail-client boilerplate say nothing about *what* is being asked, yet they
dominate term counts in a mailbox and end up as topic labels ("thanks",
"regards", "fw") when they are not removed. :data:`EMAIL_STOP_WORDS` lists them;
:func:`email_stop_words` adds scikit-learn's English list.
"""

from __future__ import annotations

from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS

__all__ = ["EMAIL_STOP_WORDS", "OTHER_LANGUAGE_STOP_WORDS", "email_stop_words"]

_GREETINGS = """
hi hello hey dear greetings morning afternoon evening good day team all everyone folks guys
"""
_POLITENESS = """
please pls plz thanks thank thx ty kindly appreciate appreciated appreciation cheers
grateful sorry apologies apologize hope hoping regards best kind warm sincerely yours
respectfully cordially wishes rgds br brgds
"""
_MAIL_MARKERS = """
re fw fwd fyi aw wg sv vs tr rv cc bcc subject sent original message forwarded reply replied
wrote writes said mailto email mail mails emails attachment attachments attached
enclosed inline quoted unsubscribe confidential disclaimer intended recipient
"""
_CALENDAR = """
monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thur thurs fri sat
sun today tomorrow yesterday week weeks weekly month months monthly year years yearly
january february march april may june july august september october november december
jan feb mar apr jun jul aug sep sept oct nov dec am pm
"""
# What the tokenizer leaves of contractions and possessives ("Acme's", "don't").
_CONTRACTIONS = """
s t d ll ve m don doesn didn isn aren wasn weren won wouldn couldn shouldn haven hasn hadn
can cant ain
"""
_FILLER = """
just let know like want need needs get got ok okay sure regarding asap soon also
question questions ask asking asked wondering wonder quick follow following followup
use using used way ways possible able
"""

# A customer in Europe writes in its own language too: the function words, greetings
# and sign-offs of German, French, Spanish, Italian, Portuguese and Dutch mail. Words
# that are also English content words ("die", "van", "comment", "favor", "todo") are left out.
_OTHER_LANGUAGES = """
der das und ist nicht mit für von dem des ein eine einen einem einer sind auch auf aus bei
wir sie ihr ihre ihnen uns unser unsere unseren bitte danke noch oder aber wie wenn dass
zum zur über nach vor haben wird werden kann können könnten gibt schon mehr sehr hallo
grüße gruß freundlichen vielen dank liebe lieber geehrte geehrter herr frau diese
dieser dieses hier wurde wäre gerne jetzt sich ich mich mir
les une pour avec dans sur pas est sont que qui nous vous votre vos notre leur leurs mais
tout tous cette ces aux été être avoir avons avez pouvez pourriez merci bonjour bonsoir
cordialement bien quand depuis avant après sans aussi très encore déjà salutations
madame monsieur chère cher ceci cela elle ils
del los las una por para que como cómo esto esta este estos estas más pero sus nos nuestro
nuestra nuestros nuestras hay está están sobre entre cuando cuándo antes desde hasta ser
muy también todos gracias saludos hola podrían podría pueden puede usted ustedes
alguna algún qué dónde así han hemos tiene tienen estamos ese esa eso otro otra cada
atentamente estimado estimada
della delle degli nel nella alla sono anche questo questa grazie saluti cordiali
buongiorno gentile abbiamo essere
não uma pelo pela seu sua nosso nossa obrigado obrigada cumprimentos olá também
het een voor niet zijn ook maar wij jullie bedankt groeten vriendelijke
"""

#: Function words and mail formulas of other European languages (lower case).
OTHER_LANGUAGE_STOP_WORDS: frozenset[str] = frozenset(_OTHER_LANGUAGES.split())

#: E-mail-specific stop words (lower case). Used together with the English list.
EMAIL_STOP_WORDS: frozenset[str] = frozenset(
    " ".join([_GREETINGS, _POLITENESS, _MAIL_MARKERS, _CALENDAR, _CONTRACTIONS, _FILLER,
              _OTHER_LANGUAGES]).split()
)


def email_stop_words(extra=()) -> list[str]:
    """English plus e-mail stop words, sorted, for a scikit-learn vectorizer.

    Parameters
    ----------
    extra : iterable of str, default=()
        More words to drop (lower-cased here).

    Returns
    -------
    list of str
        A sorted list (sorted so that vectorizers built from it are reproducible).

    Examples
    --------
    >>> from vision_analytics.features import email_stop_words
    >>> words = email_stop_words(["acme"])
    >>> {"regards", "fw", "monday", "the", "acme"} <= set(words)
    True
    """
    words = set(ENGLISH_STOP_WORDS) | EMAIL_STOP_WORDS | {str(w).lower() for w in extra}
    return sorted(words)
