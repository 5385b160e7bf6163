"""German texts users read in answers."""

ABSTAIN = (
    "Dazu finde ich in meinen Quellen keine belastbare Antwort. Meine Quellen behandeln die "
    "interkommunale Zusammenarbeit: Rechtsformen, Landesrecht, Umsatzsteuer und Vergaberecht, Förderung, "
    "den Leitfaden 2019 und Praxisbeispiele. Bitte formulieren Sie die Frage genauer oder wenden Sie sich "
    "an Ihre Kommunalaufsicht."
)
SUGGESTIONS = "Eine sichere Antwort finde ich dazu nicht. Diese Stellen könnten weiterhelfen:"
# Said first when the question quotes a name (a programme, law or project) that no passage names.
UNKNOWN_NAME = "Zu „{name}“ enthalten meine Quellen nichts."
EXTRACTIVE_NOTICE = (
    "Antwort ohne Sprachmodell aus den Quellen zusammengestellt: Jeder Satz steht wörtlich in der genannten Quelle."
)
NO_COVERAGE = "Dazu enthalten meine Quellen keine Angaben."
LLM_NOTICE = "Antwort von einem Sprachmodell formuliert; jeder Satz wurde gegen die genannte Quelle geprüft."
LLM_PARTIAL_NOTICE = (
    "Antwort von einem Sprachmodell formuliert; Sätze, die sich nicht mit den Quellen belegen ließen, wurden entfernt."
)
LLM_REJECTED_NOTICE = (
    "Die Antwort des Sprachmodells ließ sich nicht ausreichend mit den Quellen belegen. Angezeigt wird "
    "stattdessen die aus den Quellen zusammengestellte Antwort."
)
LLM_UNAVAILABLE_NOTICE = (
    "Das Sprachmodell ist gerade nicht erreichbar. Angezeigt wird die aus den Quellen zusammengestellte Antwort."
)
