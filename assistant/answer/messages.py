"""German texts users read in answers."""

ABSTAIN = (
    "Dazu finde ich in meinen Quellen keine belastbare Antwort. Die Wissensbasis behandelt die "
    "interkommunale Zusammenarbeit: Rechtsformen, Landesrecht, Umsatzsteuer und Vergaberecht, Förderung, "
    "den Leitfaden 2019 und Praxisbeispiele. Bitte formulieren Sie die Frage genauer oder wenden Sie sich "
    "an Ihre Kommunalaufsicht."
)
EXTRACTIVE_NOTICE = "Antwort ohne Sprachmodell aus den Quellen zusammengestellt: Jeder Satz steht wörtlich in der genannten Quelle."
