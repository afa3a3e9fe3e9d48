namespace Comptoir.FacturX.Validation.Rules;

/// <summary>
/// Every fatal rule of the EN 16931 1.3.16 validation artefacts (CII and UBL bindings): official id and text. The
/// rule families bind them to each syntax; the field (BT/BG) is the first business term the text names.
/// </summary>
internal static class En16931Rules
{
    public static readonly Rule Br01 = new("BR-01", "An Invoice shall have a Specification identifier (BT-24).");

    public static readonly Rule Br02 = new("BR-02", "An Invoice shall have an Invoice number (BT-1).");

    public static readonly Rule Br03 = new("BR-03", "An Invoice shall have an Invoice issue date (BT-2).");

    public static readonly Rule Br04 = new("BR-04", "An Invoice shall have an Invoice type code (BT-3).");

    public static readonly Rule Br05 = new("BR-05", "An Invoice shall have an Invoice currency code (BT-5).");

    public static readonly Rule Br06 = new("BR-06", "An Invoice shall contain the Seller name (BT-27).");

    public static readonly Rule Br07 = new("BR-07", "An Invoice shall contain the Buyer name (BT-44).");

    public static readonly Rule Br08 = new("BR-08", "An Invoice shall contain the Seller postal address (BG-5).");

    public static readonly Rule Br09 = new("BR-09", "The Seller postal address (BG-5) shall contain a Seller country code (BT-40).");

    public static readonly Rule Br10 = new("BR-10", "An Invoice shall contain the Buyer postal address (BG-8).");

    public static readonly Rule Br11 = new("BR-11", "The Buyer postal address shall contain a Buyer country code (BT-55).");

    public static readonly Rule Br12 = new("BR-12", "An Invoice shall have the Sum of Invoice line net amount (BT-106).");

    public static readonly Rule Br13 = new("BR-13", "An Invoice shall have the Invoice total amount without VAT (BT-109).");

    public static readonly Rule Br14 = new("BR-14", "An Invoice shall have the Invoice total amount with VAT (BT-112).");

    public static readonly Rule Br15 = new("BR-15", "An Invoice shall have the Amount due for payment (BT-115).");

    public static readonly Rule Br16 = new("BR-16", "An Invoice shall have at least one Invoice line (BG-25).");

    public static readonly Rule Br17 = new("BR-17", "The Payee name (BT-59) shall be provided in the Invoice, if the Payee (BG-10) is different from the Seller (BG-4).");

    public static readonly Rule Br18 = new("BR-18", "The Seller tax representative name (BT-62) shall be provided in the Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).");

    public static readonly Rule Br19 = new("BR-19", "The Seller tax representative postal address (BG-12) shall be provided in the Invoice, if the Seller (BG-4) has a Seller tax representative party (BG-11).");

    public static readonly Rule Br20 = new("BR-20", "The Seller tax representative postal address (BG-12) shall contain a Tax representative country code (BT-69), if the Seller (BG-4) has a Seller tax representative party (BG-11).");

    public static readonly Rule Br21 = new("BR-21", "Each Invoice line (BG-25) shall have an Invoice line identifier (BT-126).");

    public static readonly Rule Br22 = new("BR-22", "Each Invoice line (BG-25) shall have an Invoiced quantity (BT-129).");

    public static readonly Rule Br23 = new("BR-23", "An Invoice line (BG-25) shall have an Invoiced quantity unit of measure code (BT-130).");

    public static readonly Rule Br24 = new("BR-24", "Each Invoice line (BG-25) shall have an Invoice line net amount (BT-131).");

    public static readonly Rule Br25 = new("BR-25", "Each Invoice line (BG-25) shall contain the Item name (BT-153).");

    public static readonly Rule Br26 = new("BR-26", "Each Invoice line (BG-25) shall contain the Item net price (BT-146).");

    public static readonly Rule Br27 = new("BR-27", "The Item net price (BT-146) shall NOT be negative.");

    public static readonly Rule Br28 = new("BR-28", "The Item gross price (BT-148) shall NOT be negative.");

    public static readonly Rule Br29 = new("BR-29", "If both Invoicing period start date (BT-73) and Invoicing period end date (BT-74) are given then the Invoicing period end date (BT-74) shall be later or equal to the Invoicing period start date (BT-73).");

    public static readonly Rule Br30 = new("BR-30", "If both Invoice line period start date (BT-134) and Invoice line period end date (BT-135) are given then the Invoice line period end date (BT-135) shall be later or equal to the Invoice line period start date (BT-134).");

    public static readonly Rule Br31 = new("BR-31", "Each Document level allowance (BG-20) shall have a Document level allowance amount (BT-92).");

    public static readonly Rule Br32 = new("BR-32", "Each Document level allowance (BG-20) shall have a Document level allowance VAT category code (BT-95).");

    public static readonly Rule Br33 = new("BR-33", "Each Document level allowance (BG-20) shall have a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98).");

    public static readonly Rule Br36 = new("BR-36", "Each Document level charge (BG-21) shall have a Document level charge amount (BT-99).");

    public static readonly Rule Br37 = new("BR-37", "Each Document level charge (BG-21) shall have a Document level charge VAT category code (BT-102).");

    public static readonly Rule Br38 = new("BR-38", "Each Document level charge (BG-21) shall have a Document level charge reason (BT-104) or a Document level charge reason code (BT-105).");

    public static readonly Rule Br41 = new("BR-41", "Each Invoice line allowance (BG-27) shall have an Invoice line allowance amount (BT-136).");

    public static readonly Rule Br42 = new("BR-42", "Each Invoice line allowance (BG-27) shall have an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140).");

    public static readonly Rule Br43 = new("BR-43", "Each Invoice line charge (BG-28) shall have an Invoice line charge amount (BT-141).");

    public static readonly Rule Br44 = new("BR-44", "Each Invoice line charge (BG-28) shall have an Invoice line charge reason (BT-144) or an Invoice line charge reason code (BT-145).");

    public static readonly Rule Br45 = new("BR-45", "Each VAT breakdown (BG-23) shall have a VAT category taxable amount (BT-116).");

    public static readonly Rule Br46 = new("BR-46", "Each VAT breakdown (BG-23) shall have a VAT category tax amount (BT-117).");

    public static readonly Rule Br47 = new("BR-47", "Each VAT breakdown (BG-23) shall be defined through a VAT category code (BT-118).");

    public static readonly Rule Br48 = new("BR-48", "Each VAT breakdown (BG-23) shall have a VAT category rate (BT-119), except if the Invoice is not subject to VAT.");

    public static readonly Rule Br49 = new("BR-49", "A Payment instruction (BG-16) shall specify the Payment means type code (BT-81).");

    public static readonly Rule Br50 = new("BR-50", "A Payment account identifier (BT-84) shall be present if Credit transfer (BG-16) information is provided in the Invoice.");

    public static readonly Rule Br51 = new("BR-51", "In accordance with card payments security standards an invoice should never include a full card primary account number (BT-97). At the moment PCI Security Standards Council has defined that the first 6 digits and last 4 digits are the maximum number of digits to be shown.");

    public static readonly Rule Br52 = new("BR-52", "Each Additional supporting document (BG-24) shall contain a Supporting document reference (BT-122).");

    public static readonly Rule Br53 = new("BR-53", "If the VAT accounting currency code (BT-6) is present, then the Invoice total VAT amount in accounting currency (BT-111) shall be provided.");

    public static readonly Rule Br54 = new("BR-54", "Each Item attribute (BG-32) shall contain an Item attribute name (BT-160) and an Item attribute value (BT-161).");

    public static readonly Rule Br55 = new("BR-55", "Each Preceding Invoice reference (BG-3) shall contain a Preceding Invoice reference (BT-25).");

    public static readonly Rule Br56 = new("BR-56", "Each Seller tax representative party (BG-11) shall have a Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule Br57 = new("BR-57", "Each Deliver to address (BG-15) shall contain a Deliver to country code (BT-80).");

    public static readonly Rule Br61 = new("BR-61", "If the Payment means type code (BT-81) means SEPA credit transfer, Local credit transfer or Non-SEPA international credit transfer, the Payment account identifier (BT-84) shall be present.");

    public static readonly Rule Br62 = new("BR-62", "The Seller electronic address (BT-34) shall have a Scheme identifier.");

    public static readonly Rule Br63 = new("BR-63", "The Buyer electronic address (BT-49) shall have a Scheme identifier.");

    public static readonly Rule Br64 = new("BR-64", "The Item standard identifier (BT-157) shall have a Scheme identifier.");

    public static readonly Rule Br65 = new("BR-65", "The Item classification identifier (BT-158) shall have a Scheme identifier.");

    public static readonly Rule BrAe01 = new("BR-AE-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"Reverse charge\" shall contain in the VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with \"VAT reverse charge\".");

    public static readonly Rule BrAe02 = new("BR-AE-02", "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Reverse charge\" shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration identifier (BT-47).");

    public static readonly Rule BrAe03 = new("BR-AE-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Reverse charge\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration identifier (BT-47).");

    public static readonly Rule BrAe04 = new("BR-AE-04", "An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Reverse charge\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) and/or the Buyer legal registration identifier (BT-47).");

    public static readonly Rule BrAe05 = new("BR-AE-05", "In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Reverse charge\" the Invoiced item VAT rate (BT-152) shall be 0 (zero).");

    public static readonly Rule BrAe06 = new("BR-AE-06", "In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Reverse charge\" the Document level allowance VAT rate (BT-96) shall be 0 (zero).");

    public static readonly Rule BrAe07 = new("BR-AE-07", "In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Reverse charge\" the Document level charge VAT rate (BT-103) shall be 0 (zero).");

    public static readonly Rule BrAe08 = new("BR-AE-08", "In a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Reverse charge\" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are \"Reverse charge\".");

    public static readonly Rule BrAe09 = new("BR-AE-09", "The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Reverse charge\" shall be 0 (zero).");

    public static readonly Rule BrAe10 = new("BR-AE-10", "A VAT Breakdown (BG-23) with VAT Category code (BT-118) \"Reverse charge\" shall have a VAT exemption reason code (BT-121), meaning \"Reverse charge\" or the VAT exemption reason text (BT-120) \"Reverse charge\" (or the equivalent standard text in another language).");

    public static readonly Rule BrAf01 = new("BR-AF-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"IGIC\" shall contain in the VAT breakdown (BG-23) at least one VAT category code (BT-118) equal with \"IGIC\".");

    public static readonly Rule BrAf02 = new("BR-AF-02", "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"IGIC\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrAf03 = new("BR-AF-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"IGIC\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrAf04 = new("BR-AF-04", "An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"IGIC\" shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrAf05 = new("BR-AF-05", "In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"IGIC\" the invoiced item VAT rate (BT-152) shall be greater than 0 (zero).");

    public static readonly Rule BrAf06 = new("BR-AF-06", "In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"IGIC\" the Document level allowance VAT rate (BT-96) shall be 0 (zero) or greater than zero.");

    public static readonly Rule BrAf07 = new("BR-AF-07", "In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"IGIC\" the Document level charge VAT rate (BT-103) shall be 0 (zero) or greater than zero.");

    public static readonly Rule BrAf08 = new("BR-AF-08", "For each different value of VAT category rate (BT-119) where the VAT category code (BT-118) is \"IGIC\", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, BT-95) is \"IGIC\" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT category rate (BT-119).");

    public static readonly Rule BrAf09 = new("BR-AF-09", "The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is \"IGIC\" shall equal the VAT category taxable amount (BT-116) multiplied by the VAT category rate (BT-119).");

    public static readonly Rule BrAf10 = new("BR-AF-10", "A VAT Breakdown (BG-23) with VAT Category code (BT-118) \"IGIC\" shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).");

    public static readonly Rule BrAg01 = new("BR-AG-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"IPSI\" shall contain in the VAT breakdown (BG-23) at least one VAT category code (BT-118) equal with \"IPSI\".");

    public static readonly Rule BrAg02 = new("BR-AG-02", "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"IPSI\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrAg03 = new("BR-AG-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"IPSI\" shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrAg04 = new("BR-AG-04", "An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"IPSI\" shall contain the Seller VAT Identifier (BT-31), the Seller Tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrAg05 = new("BR-AG-05", "In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"IPSI\" the Invoiced item VAT rate (BT-152) shall be 0 (zero) or greater than zero.");

    public static readonly Rule BrAg06 = new("BR-AG-06", "In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"IPSI\" the Document level allowance VAT rate (BT-96) shall be 0 (zero) or greater than zero.");

    public static readonly Rule BrAg07 = new("BR-AG-07", "In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"IPSI\" the Document level charge VAT rate (BT-103) shall be 0 (zero) or greater than zero.");

    public static readonly Rule BrAg08 = new("BR-AG-08", "For each different value of VAT category rate (BT-119) where the VAT category code (BT-118) is \"IPSI\", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, BT-95) is \"IPSI\" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT category rate (BT-119).");

    public static readonly Rule BrAg09 = new("BR-AG-09", "The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is \"IPSI\" shall equal the VAT category taxable amount (BT-116) multiplied by the VAT category rate (BT-119).");

    public static readonly Rule BrAg10 = new("BR-AG-10", "A VAT Breakdown (BG-23) with VAT Category code (BT-118) \"IPSI\" shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).");

    public static readonly Rule BrB01 = new("BR-B-01", "An Invoice where the VAT category code (BT-151, BT-95 or BT-102) is “Split payment” shall be a domestic Italian invoice.");

    public static readonly Rule BrB02 = new("BR-B-02", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is “Split payment\" shall not contain an invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is “Standard rated”.");

    public static readonly Rule BrCl01 = new("BR-CL-01", "The document type code MUST be coded by the invoice and credit note related code lists of UNTDID 1001.");

    public static readonly Rule BrCl03 = new("BR-CL-03", "currencyID MUST be coded using ISO code list 4217 alpha-3");

    public static readonly Rule BrCl04 = new("BR-CL-04", "Invoice currency code MUST be coded using ISO code list 4217 alpha-3");

    public static readonly Rule BrCl05 = new("BR-CL-05", "Tax currency code MUST be coded using ISO code list 4217 alpha-3");

    public static readonly Rule BrCl06 = new("BR-CL-06", "Value added tax point date code MUST be coded using a restriction of UNTDID 2475.");

    public static readonly Rule BrCl07 = new("BR-CL-07", "Object identifier identification scheme identifier MUST be coded using a restriction of UNTDID 1153.");

    public static readonly Rule BrCl08 = new("BR-CL-08", "Subject Code MUST be coded using a restriction of UNTDID 4451.");

    public static readonly Rule BrCl10 = new("BR-CL-10", "Any identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD list.");

    public static readonly Rule BrCl11 = new("BR-CL-11", "Any registration identifier identification scheme identifier MUST be coded using one of the ISO 6523 ICD list.");

    public static readonly Rule BrCl13 = new("BR-CL-13", "Item classification identifier identification scheme identifier MUST be coded using one of the UNTDID 7143 list.");

    public static readonly Rule BrCl14 = new("BR-CL-14", "Country codes in an invoice MUST be coded using ISO code list 3166-1");

    public static readonly Rule BrCl15 = new("BR-CL-15", "Country codes in an invoice MUST be coded using ISO code list 3166-1");

    public static readonly Rule BrCl16 = new("BR-CL-16", "Payment means in an invoice MUST be coded using UNTDID 4461 code list");

    public static readonly Rule BrCl17 = new("BR-CL-17", "Invoice tax categories MUST be coded using UNCL 5305 code list");

    public static readonly Rule BrCl18 = new("BR-CL-18", "Invoice tax categories MUST be coded using UNCL 5305 code list");

    public static readonly Rule BrCl19 = new("BR-CL-19", "Coded allowance reasons MUST belong to the UNCL 5189 code list");

    public static readonly Rule BrCl20 = new("BR-CL-20", "Coded charge reasons MUST belong to the UNCL 7161 code list");

    public static readonly Rule BrCl21 = new("BR-CL-21", "Item standard identifier scheme identifier MUST belong to the ISO 6523 ICD code list");

    public static readonly Rule BrCl22 = new("BR-CL-22", "Tax exemption reason code identifier scheme identifier MUST belong to the CEF VATEX code list");

    public static readonly Rule BrCl23 = new("BR-CL-23", "Unit code MUST be coded according to the UN/ECE Recommendation 20 with Rec 21 extension");

    public static readonly Rule BrCl24 = new("BR-CL-24", "For Mime code in attribute use MIMEMediaType.");

    public static readonly Rule BrCl25 = new("BR-CL-25", "Endpoint identifier scheme identifier MUST belong to the CEF EAS code list");

    public static readonly Rule BrCl26 = new("BR-CL-26", "Delivery location identifier scheme identifier MUST belong to the ISO 6523 ICD code list");

    public static readonly Rule BrCo03 = new("BR-CO-03", "Value added tax point date (BT-7) and Value added tax point date code (BT-8) are mutually exclusive.");

    public static readonly Rule BrCo04 = new("BR-CO-04", "Each Invoice line (BG-25) shall be categorized with an Invoiced item VAT category code (BT-151).");

    public static readonly Rule BrCo05 = new("BR-CO-05", "Document level allowance reason code (BT-98) and Document level allowance reason (BT-97) shall indicate the same type of allowance.");

    public static readonly Rule BrCo06 = new("BR-CO-06", "Document level charge reason code (BT-105) and Document level charge reason (BT-104) shall indicate the same type of charge.");

    public static readonly Rule BrCo07 = new("BR-CO-07", "Invoice line allowance reason code (BT-140) and Invoice line allowance reason (BT-139) shall indicate the same type of allowance reason.");

    public static readonly Rule BrCo08 = new("BR-CO-08", "Invoice line charge reason code (BT-145) and Invoice line charge reason (BT-144) shall indicate the same type of charge reason.");

    public static readonly Rule BrCo09 = new("BR-CO-09", "The Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48) shall have a prefix in accordance with ISO code ISO 3166-1 alpha-2 by which the country of issue may be identified. Nevertheless, Greece may use the prefix ‘EL’.");

    public static readonly Rule BrCo10 = new("BR-CO-10", "Sum of Invoice line net amount (BT-106) = Σ Invoice line net amount (BT-131).");

    public static readonly Rule BrCo11 = new("BR-CO-11", "Sum of allowances on document level (BT-107) = Σ Document level allowance amount (BT-92).");

    public static readonly Rule BrCo12 = new("BR-CO-12", "Sum of charges on document level (BT-108) = Σ Document level charge amount (BT-99).");

    public static readonly Rule BrCo13 = new("BR-CO-13", "Invoice total amount without VAT (BT-109) = Σ Invoice line net amount (BT-131) - Sum of allowances on document level (BT-107) + Sum of charges on document level (BT-108).");

    public static readonly Rule BrCo14 = new("BR-CO-14", "Invoice total VAT amount (BT-110) = Σ VAT category tax amount (BT-117).");

    public static readonly Rule BrCo15 = new("BR-CO-15", "Invoice total amount with VAT (BT-112) = Invoice total amount without VAT (BT-109) + Invoice total VAT amount (BT-110).");

    public static readonly Rule BrCo16 = new("BR-CO-16", "Amount due for payment (BT-115) = Invoice total amount with VAT (BT-112) -Paid amount (BT-113) +Rounding amount (BT-114).");

    public static readonly Rule BrCo17 = new("BR-CO-17", "VAT category tax amount (BT-117) = VAT category taxable amount (BT-116) x (VAT category rate (BT-119) / 100), rounded to two decimals.");

    public static readonly Rule BrCo18 = new("BR-CO-18", "An Invoice shall at least have one VAT breakdown group (BG-23).");

    public static readonly Rule BrCo19 = new("BR-CO-19", "If Invoicing period (BG-14) is used, the Invoicing period start date (BT-73) or the Invoicing period end date (BT-74) shall be filled, or both.");

    public static readonly Rule BrCo20 = new("BR-CO-20", "If Invoice line period (BG-26) is used, the Invoice line period start date (BT-134) or the Invoice line period end date (BT-135) shall be filled, or both.");

    public static readonly Rule BrCo21 = new("BR-CO-21", "Each Document level allowance (BG-20) shall contain a Document level allowance reason (BT-97) or a Document level allowance reason code (BT-98), or both.");

    public static readonly Rule BrCo22 = new("BR-CO-22", "Each Document level charge (BG-21) shall contain a Document level charge reason (BT-104) or a Document level charge reason code (BT-105), or both.");

    public static readonly Rule BrCo23 = new("BR-CO-23", "Each Invoice line allowance (BG-27) shall contain an Invoice line allowance reason (BT-139) or an Invoice line allowance reason code (BT-140), or both.");

    public static readonly Rule BrCo24 = new("BR-CO-24", "Each Invoice line charge (BG-28) shall contain an Invoice line charge reason (BT-144) or an Invoice line charge reason code (BT-145), or both.");

    public static readonly Rule BrCo26 = new("BR-CO-26", "In order for the buyer to automatically identify a supplier, the Seller identifier (BT-29), the Seller legal registration identifier (BT-30) and/or the Seller VAT identifier (BT-31) shall be present.");

    public static readonly Rule BrDec01 = new("BR-DEC-01", "The allowed maximum number of decimals for the Document level allowance amount (BT-92) is 2.");

    public static readonly Rule BrDec02 = new("BR-DEC-02", "The allowed maximum number of decimals for the Document level allowance base amount (BT-93) is 2.");

    public static readonly Rule BrDec05 = new("BR-DEC-05", "The allowed maximum number of decimals for the Document level charge amount (BT-99) is 2.");

    public static readonly Rule BrDec06 = new("BR-DEC-06", "The allowed maximum number of decimals for the Document level charge base amount (BT-100) is 2.");

    public static readonly Rule BrDec09 = new("BR-DEC-09", "The allowed maximum number of decimals for the Sum of Invoice line net amount (BT-106) is 2.");

    public static readonly Rule BrDec10 = new("BR-DEC-10", "The allowed maximum number of decimals for the Sum of allowanced on document level (BT-107) is 2.");

    public static readonly Rule BrDec11 = new("BR-DEC-11", "The allowed maximum number of decimals for the Sum of charges on document level (BT-108) is 2.");

    public static readonly Rule BrDec12 = new("BR-DEC-12", "The allowed maximum number of decimals for the Invoice total amount without VAT (BT-109) is 2.");

    public static readonly Rule BrDec13 = new("BR-DEC-13", "The allowed maximum number of decimals for the Invoice total VAT amount (BT-110) is 2.");

    public static readonly Rule BrDec14 = new("BR-DEC-14", "The allowed maximum number of decimals for the Invoice total amount with VAT (BT-112) is 2.");

    public static readonly Rule BrDec15 = new("BR-DEC-15", "The allowed maximum number of decimals for the Invoice total VAT amount in accounting currency (BT-111) is 2.");

    public static readonly Rule BrDec16 = new("BR-DEC-16", "The allowed maximum number of decimals for the Paid amount (BT-113) is 2.");

    public static readonly Rule BrDec17 = new("BR-DEC-17", "The allowed maximum number of decimals for the Rounding amount (BT-114) is 2.");

    public static readonly Rule BrDec18 = new("BR-DEC-18", "The allowed maximum number of decimals for the Amount due for payment (BT-115) is 2.");

    public static readonly Rule BrDec19 = new("BR-DEC-19", "The allowed maximum number of decimals for the VAT category taxable amount (BT-116) is 2.");

    public static readonly Rule BrDec20 = new("BR-DEC-20", "The allowed maximum number of decimals for the VAT category tax amount (BT-117) is 2.");

    public static readonly Rule BrDec23 = new("BR-DEC-23", "The allowed maximum number of decimals for the Invoice line net amount (BT-131) is 2.");

    public static readonly Rule BrDec24 = new("BR-DEC-24", "The allowed maximum number of decimals for the Invoice line allowance amount (BT-136) is 2.");

    public static readonly Rule BrDec25 = new("BR-DEC-25", "The allowed maximum number of decimals for the Invoice line allowance base amount (BT-137) is 2.");

    public static readonly Rule BrDec27 = new("BR-DEC-27", "The allowed maximum number of decimals for the Invoice line charge amount (BT-141) is 2.");

    public static readonly Rule BrDec28 = new("BR-DEC-28", "The allowed maximum number of decimals for the Invoice line charge base amount (BT-142) is 2.");

    public static readonly Rule BrE01 = new("BR-E-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"Exempt from VAT\" shall contain exactly one VAT breakdown (BG-23) with the VAT category code (BT-118) equal to \"Exempt from VAT\".");

    public static readonly Rule BrE02 = new("BR-E-02", "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Exempt from VAT\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrE03 = new("BR-E-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Exempt from VAT\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrE04 = new("BR-E-04", "An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Exempt from VAT\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrE05 = new("BR-E-05", "In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Exempt from VAT\", the Invoiced item VAT rate (BT-152) shall be 0 (zero).");

    public static readonly Rule BrE06 = new("BR-E-06", "In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Exempt from VAT\", the Document level allowance VAT rate (BT-96) shall be 0 (zero).");

    public static readonly Rule BrE07 = new("BR-E-07", "In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Exempt from VAT\", the Document level charge VAT rate (BT-103) shall be 0 (zero).");

    public static readonly Rule BrE08 = new("BR-E-08", "In a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Exempt from VAT\" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are \"Exempt from VAT\".");

    public static readonly Rule BrE09 = new("BR-E-09", "The VAT category tax amount (BT-117) In a VAT breakdown (BG-23) where the VAT category code (BT-118) equals \"Exempt from VAT\" shall equal 0 (zero).");

    public static readonly Rule BrE10 = new("BR-E-10", "A VAT Breakdown (BG-23) with VAT Category code (BT-118) \"Exempt from VAT\" shall have a VAT exemption reason code (BT-121) or a VAT exemption reason text (BT-120).");

    public static readonly Rule BrG01 = new("BR-G-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"Export outside the EU\" shall contain in the VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with \"Export outside the EU\".");

    public static readonly Rule BrG02 = new("BR-G-02", "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Export outside the EU\" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrG03 = new("BR-G-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Export outside the EU\" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrG04 = new("BR-G-04", "An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Export outside the EU\" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrG05 = new("BR-G-05", "In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Export outside the EU\" the Invoiced item VAT rate (BT-152) shall be 0 (zero).");

    public static readonly Rule BrG06 = new("BR-G-06", "In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Export outside the EU\" the Document level allowance VAT rate (BT-96) shall be 0 (zero).");

    public static readonly Rule BrG07 = new("BR-G-07", "In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Export outside the EU\" the Document level charge VAT rate (BT-103) shall be 0 (zero).");

    public static readonly Rule BrG08 = new("BR-G-08", "In a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Export outside the EU\" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are \"Export outside the EU\".");

    public static readonly Rule BrG09 = new("BR-G-09", "The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Export outside the EU\" shall be 0 (zero).");

    public static readonly Rule BrG10 = new("BR-G-10", "A VAT Breakdown (BG-23) with the VAT Category code (BT-118) \"Export outside the EU\" shall have a VAT exemption reason code (BT-121), meaning \"Export outside the EU\" or the VAT exemption reason text (BT-120) \"Export outside the EU\" (or the equivalent standard text in another language).");

    public static readonly Rule BrIc01 = new("BR-IC-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"Intra-community supply\" shall contain in the VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with \"Intra-community supply\".");

    public static readonly Rule BrIc02 = new("BR-IC-02", "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Intra-community supply\" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48).");

    public static readonly Rule BrIc03 = new("BR-IC-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Intra-community supply\" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48).");

    public static readonly Rule BrIc04 = new("BR-IC-04", "An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Intra-community supply\" shall contain the Seller VAT Identifier (BT-31) or the Seller tax representative VAT identifier (BT-63) and the Buyer VAT identifier (BT-48).");

    public static readonly Rule BrIc05 = new("BR-IC-05", "In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Intracommunity supply\" the Invoiced item VAT rate (BT-152) shall be 0 (zero).");

    public static readonly Rule BrIc06 = new("BR-IC-06", "In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Intra-community supply\" the Document level allowance VAT rate (BT-96) shall be 0 (zero).");

    public static readonly Rule BrIc07 = new("BR-IC-07", "In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Intra-community supply\" the Document level charge VAT rate (BT-103) shall be 0 (zero).");

    public static readonly Rule BrIc08 = new("BR-IC-08", "In a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Intra-community supply\" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are \"Intra-community supply\".");

    public static readonly Rule BrIc09 = new("BR-IC-09", "The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Intra-community supply\" shall be 0 (zero).");

    public static readonly Rule BrIc10 = new("BR-IC-10", "A VAT Breakdown (BG-23) with the VAT Category code (BT-118) \"Intra-community supply\" shall have a VAT exemption reason code (BT-121), meaning \"Intra-community supply\" or the VAT exemption reason text (BT-120) \"Intra-community supply\" (or the equivalent standard text in another language).");

    public static readonly Rule BrIc11 = new("BR-IC-11", "In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Intra-community supply\" the Actual delivery date (BT-72) or the Invoicing period (BG-14) shall not be blank.");

    public static readonly Rule BrIc12 = new("BR-IC-12", "In an Invoice with a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Intra-community supply\" the Deliver to country code (BT-80) shall not be blank.");

    public static readonly Rule BrO01 = new("BR-O-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"Not subject to VAT\" shall contain exactly one VAT breakdown group (BG-23) with the VAT category code (BT-118) equal to \"Not subject to VAT\".");

    public static readonly Rule BrO02 = new("BR-O-02", "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Not subject to VAT\" shall not contain the Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48).");

    public static readonly Rule BrO03 = new("BR-O-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Not subject to VAT\" shall not contain the Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48).");

    public static readonly Rule BrO04 = new("BR-O-04", "An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Not subject to VAT\" shall not contain the Seller VAT identifier (BT-31), the Seller tax representative VAT identifier (BT-63) or the Buyer VAT identifier (BT-48).");

    public static readonly Rule BrO05 = new("BR-O-05", "An Invoice line (BG-25) where the VAT category code (BT-151) is \"Not subject to VAT\" shall not contain an Invoiced item VAT rate (BT-152).");

    public static readonly Rule BrO06 = new("BR-O-06", "A Document level allowance (BG-20) where VAT category code (BT-95) is \"Not subject to VAT\" shall not contain a Document level allowance VAT rate (BT-96).");

    public static readonly Rule BrO07 = new("BR-O-07", "A Document level charge (BG-21) where the VAT category code (BT-102) is \"Not subject to VAT\" shall not contain a Document level charge VAT rate (BT-103).");

    public static readonly Rule BrO08 = new("BR-O-08", "In a VAT breakdown (BG-23) where the VAT category code (BT-118) is \" Not subject to VAT\" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amounts (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are \"Not subject to VAT\".");

    public static readonly Rule BrO09 = new("BR-O-09", "The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where the VAT category code (BT-118) is \"Not subject to VAT\" shall be 0 (zero).");

    public static readonly Rule BrO10 = new("BR-O-10", "A VAT Breakdown (BG-23) with VAT Category code (BT-118) \" Not subject to VAT\" shall have a VAT exemption reason code (BT-121), meaning \" Not subject to VAT\" or a VAT exemption reason text (BT-120) \" Not subject to VAT\" (or the equivalent standard text in another language).");

    public static readonly Rule BrO11 = new("BR-O-11", "An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) \"Not subject to VAT\" shall not contain other VAT breakdown groups (BG-23).");

    public static readonly Rule BrO12 = new("BR-O-12", "An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) \"Not subject to VAT\" shall not contain an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is not \"Not subject to VAT\".");

    public static readonly Rule BrO13 = new("BR-O-13", "An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) \"Not subject to VAT\" shall not contain Document level allowances (BG-20) where Document level allowance VAT category code (BT-95) is not \"Not subject to VAT\".");

    public static readonly Rule BrO14 = new("BR-O-14", "An Invoice that contains a VAT breakdown group (BG-23) with a VAT category code (BT-118) \"Not subject to VAT\" shall not contain Document level charges (BG-21) where Document level charge VAT category code (BT-102) is not \"Not subject to VAT\".");

    public static readonly Rule BrS01 = new("BR-S-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"Standard rated\" shall contain in the VAT breakdown (BG-23) at least one VAT category code (BT-118) equal with \"Standard rated\".");

    public static readonly Rule BrS02 = new("BR-S-02", "An Invoice that contains an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Standard rated\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrS03 = new("BR-S-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Standard rated\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrS04 = new("BR-S-04", "An Invoice that contains a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Standard rated\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrS05 = new("BR-S-05", "In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Standard rated\" the Invoiced item VAT rate (BT-152) shall be greater than zero.");

    public static readonly Rule BrS06 = new("BR-S-06", "In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Standard rated\" the Document level allowance VAT rate (BT-96) shall be greater than zero.");

    public static readonly Rule BrS07 = new("BR-S-07", "In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Standard rated\" the Document level charge VAT rate (BT-103) shall be greater than zero.");

    public static readonly Rule BrS08 = new("BR-S-08", "For each different value of VAT category rate (BT-119) where the VAT category code (BT-118) is \"Standard rated\", the VAT category taxable amount (BT-116) in a VAT breakdown (BG-23) shall equal the sum of Invoice line net amounts (BT-131) plus the sum of document level charge amounts (BT-99) minus the sum of document level allowance amounts (BT-92) where the VAT category code (BT-151, BT-102, BT-95) is \"Standard rated\" and the VAT rate (BT-152, BT-103, BT-96) equals the VAT category rate (BT-119).");

    public static readonly Rule BrS09 = new("BR-S-09", "The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is \"Standard rated\" shall equal the VAT category taxable amount (BT-116) multiplied by the VAT category rate (BT-119).");

    public static readonly Rule BrS10 = new("BR-S-10", "A VAT Breakdown (BG-23) with VAT Category code (BT-118) \"Standard rate\" shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).");

    public static readonly Rule BrZ01 = new("BR-Z-01", "An Invoice that contains an Invoice line (BG-25), a Document level allowance (BG-20) or a Document level charge (BG-21) where the VAT category code (BT-151, BT-95 or BT-102) is \"Zero rated\" shall contain in the VAT breakdown (BG-23) exactly one VAT category code (BT-118) equal with \"Zero rated\".");

    public static readonly Rule BrZ02 = new("BR-Z-02", "An Invoice that contains an Invoice line where the Invoiced item VAT category code (BT-151) is \"Zero rated\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrZ03 = new("BR-Z-03", "An Invoice that contains a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Zero rated\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrZ04 = new("BR-Z-04", "An Invoice that contains a Document level charge where the Document level charge VAT category code (BT-102) is \"Zero rated\" shall contain the Seller VAT Identifier (BT-31), the Seller tax registration identifier (BT-32) and/or the Seller tax representative VAT identifier (BT-63).");

    public static readonly Rule BrZ05 = new("BR-Z-05", "In an Invoice line (BG-25) where the Invoiced item VAT category code (BT-151) is \"Zero rated\" the Invoiced item VAT rate (BT-152) shall be 0 (zero).");

    public static readonly Rule BrZ06 = new("BR-Z-06", "In a Document level allowance (BG-20) where the Document level allowance VAT category code (BT-95) is \"Zero rated\" the Document level allowance VAT rate (BT-96) shall be 0 (zero).");

    public static readonly Rule BrZ07 = new("BR-Z-07", "In a Document level charge (BG-21) where the Document level charge VAT category code (BT-102) is \"Zero rated\" the Document level charge VAT rate (BT-103) shall be 0 (zero).");

    public static readonly Rule BrZ08 = new("BR-Z-08", "In a VAT breakdown (BG-23) where VAT category code (BT-118) is \"Zero rated\" the VAT category taxable amount (BT-116) shall equal the sum of Invoice line net amount (BT-131) minus the sum of Document level allowance amounts (BT-92) plus the sum of Document level charge amounts (BT-99) where the VAT category codes (BT-151, BT-95, BT-102) are \"Zero rated\".");

    public static readonly Rule BrZ09 = new("BR-Z-09", "The VAT category tax amount (BT-117) in a VAT breakdown (BG-23) where VAT category code (BT-118) is \"Zero rated\" shall equal 0 (zero).");

    public static readonly Rule BrZ10 = new("BR-Z-10", "A VAT Breakdown (BG-23) with VAT Category code (BT-118) \"Zero rated\" shall not have a VAT exemption reason code (BT-121) or VAT exemption reason text (BT-120).");

    public static readonly Rule CiiDt001 = new("CII-DT-001", "schemeName should not be present");

    public static readonly Rule CiiDt002 = new("CII-DT-002", "schemeAgencyName should not be present");

    public static readonly Rule CiiDt003 = new("CII-DT-003", "schemeDataURI should not be present");

    public static readonly Rule CiiDt004 = new("CII-DT-004", "schemeURI should not be present");

    public static readonly Rule CiiDt005 = new("CII-DT-005", "schemeID should not be present");

    public static readonly Rule CiiDt006 = new("CII-DT-006", "schemeAgencyID should not be present");

    public static readonly Rule CiiDt007 = new("CII-DT-007", "schemeVersionID should not be present");

    public static readonly Rule CiiDt008 = new("CII-DT-008", "name should not be present");

    public static readonly Rule CiiDt009 = new("CII-DT-009", "listURI should not be present");

    public static readonly Rule CiiDt010 = new("CII-DT-010", "listID should not be present");

    public static readonly Rule CiiDt011 = new("CII-DT-011", "listAgencyID should not be present");

    public static readonly Rule CiiDt012 = new("CII-DT-012", "listVersionID should not be present");

    public static readonly Rule CiiDt013 = new("CII-DT-013", "languageID should not be present");

    public static readonly Rule CiiDt014 = new("CII-DT-014", "languageLocaleID should not be present");

    public static readonly Rule CiiDt015 = new("CII-DT-015", "URIID should not be present");

    public static readonly Rule CiiDt016 = new("CII-DT-016", "StatusCode should not be present");

    public static readonly Rule CiiDt017 = new("CII-DT-017", "CopyIndicator should not be present");

    public static readonly Rule CiiDt018 = new("CII-DT-018", "TypeCode should not be present");

    public static readonly Rule CiiDt019 = new("CII-DT-019", "GlobalID should not be present");

    public static readonly Rule CiiDt020 = new("CII-DT-020", "RevisionID should not be present");

    public static readonly Rule CiiDt021 = new("CII-DT-021", "Name should not be present");

    public static readonly Rule CiiDt022 = new("CII-DT-022", "AttachmentBinaryObject should not be present");

    public static readonly Rule CiiDt023 = new("CII-DT-023", "Information should not be present");

    public static readonly Rule CiiDt024 = new("CII-DT-024", "ReferenceTypeCode should not be present");

    public static readonly Rule CiiDt025 = new("CII-DT-025", "SectionName should not be present");

    public static readonly Rule CiiDt026 = new("CII-DT-026", "PreviousRevisionID should not be present");

    public static readonly Rule CiiDt027 = new("CII-DT-027", "FormattedIssueDateTime should not be present");

    public static readonly Rule CiiDt028 = new("CII-DT-028", "EffectiveSpecifiedPeriod should not be present");

    public static readonly Rule CiiDt029 = new("CII-DT-029", "IssuerTradeParty should not be present");

    public static readonly Rule CiiDt030 = new("CII-DT-030", "AttachedSpecifiedBinaryFile should not be present");

    public static readonly Rule CiiDt031 = new("CII-DT-031", "currencyID should not be present");

    public static readonly Rule CiiDt032 = new("CII-DT-032", "currencyCodeListVersionID should not be present");

    public static readonly Rule CiiDt033 = new("CII-DT-033", "unitCode should not be present");

    public static readonly Rule CiiDt034 = new("CII-DT-034", "unitCodeListID should not be present");

    public static readonly Rule CiiDt035 = new("CII-DT-035", "unitCodeListAgencyID should not be present");

    public static readonly Rule CiiDt036 = new("CII-DT-036", "unitCodeListAgencyName should not be present");

    public static readonly Rule CiiDt037 = new("CII-DT-037", "TypeCode shall be 'VAT'");

    public static readonly Rule CiiDt068 = new("CII-DT-068", "DateTime shall not be used.");

    public static readonly Rule CiiDt069 = new("CII-DT-069", "DurationMeasure shall not be used.");

    public static readonly Rule CiiDt070 = new("CII-DT-070", "InclusiveIndicator shall not be used.");

    public static readonly Rule CiiDt071 = new("CII-DT-071", "Description shall not be used.");

    public static readonly Rule CiiDt072 = new("CII-DT-072", "DateTime shall not be used.");

    public static readonly Rule CiiDt073 = new("CII-DT-073", "CompleteDateTime shall not be used.");

    public static readonly Rule CiiDt074 = new("CII-DT-074", "OpenIndicator shall not be used.");

    public static readonly Rule CiiDt075 = new("CII-DT-075", "SeasonCode shall not be used.");

    public static readonly Rule CiiDt076 = new("CII-DT-076", "ID shall not be used.");

    public static readonly Rule CiiDt077 = new("CII-DT-077", "Name shall not be used.");

    public static readonly Rule CiiDt078 = new("CII-DT-078", "SequenceNumeric shall not be used.");

    public static readonly Rule CiiDt079 = new("CII-DT-079", "StartDateFlexibilityCode shall not be used.");

    public static readonly Rule CiiDt080 = new("CII-DT-080", "ContinuousIndicator shall not be used.");

    public static readonly Rule CiiDt081 = new("CII-DT-081", "PurposeCode shall not be used.");

    public static readonly Rule CiiDt082 = new("CII-DT-082", "ID shall not be used.");

    public static readonly Rule CiiDt083 = new("CII-DT-083", "PostOfficeBox shall not be used.");

    public static readonly Rule CiiDt084 = new("CII-DT-084", "BuildingName shall not be used.");

    public static readonly Rule CiiDt086 = new("CII-DT-086", "LineFour shall not be used.");

    public static readonly Rule CiiDt087 = new("CII-DT-087", "LineFive shall not be used.");

    public static readonly Rule CiiDt088 = new("CII-DT-088", "StreetName shall not be used.");

    public static readonly Rule CiiDt089 = new("CII-DT-089", "CitySubDivisionName shall not be used.");

    public static readonly Rule CiiDt090 = new("CII-DT-090", "CountryName shall not be used.");

    public static readonly Rule CiiDt091 = new("CII-DT-091", "CountrySubDivisionID shall not be used.");

    public static readonly Rule CiiDt092 = new("CII-DT-092", "AttentionOf shall not be used.");

    public static readonly Rule CiiDt093 = new("CII-DT-093", "CareOf shall not be used.");

    public static readonly Rule CiiDt094 = new("CII-DT-094", "BuildingNumber shall not be used.");

    public static readonly Rule CiiDt095 = new("CII-DT-095", "DepartmentName shall not be used.");

    public static readonly Rule CiiDt096 = new("CII-DT-096", "AdditionalStreetName shall not be used.");

    public static readonly Rule CiiDt097 = new("CII-DT-097", "Date time string with format attribute 102 shall be YYYYMMDD.");

    public static readonly Rule CiiDt101 = new("CII-DT-101", "schemeName should not be present");

    public static readonly Rule CiiDt102 = new("CII-DT-102", "schemeAgencyName should not be present");

    public static readonly Rule CiiDt103 = new("CII-DT-103", "schemeDataURI should not be present");

    public static readonly Rule CiiDt104 = new("CII-DT-104", "schemeURI should not be present");

    public static readonly Rule CiiSr009 = new("CII-SR-009", "GuidelineSpecifiedDocumentContextParameter must exist exactly once");

    public static readonly Rule CiiSr010 = new("CII-SR-010", "ID must exist exactly once");

    public static readonly Rule CiiSr014 = new("CII-SR-014", "TypeCode must exist exactly once");

    public static readonly Rule CiiSr046 = new("CII-SR-046", "schemeID must be present if GlobalID is present");

    public static readonly Rule CiiSr069 = new("CII-SR-069", "Description should exist maximum once.");

    public static readonly Rule CiiSr072 = new("CII-SR-072", "Value should exist maximum once.");

    public static readonly Rule CiiSr090 = new("CII-SR-090", "ID should exist maximum once.");

    public static readonly Rule CiiSr439 = new("CII-SR-439", "ChargeAmount should exist maximum once");

    public static readonly Rule CiiSr440 = new("CII-SR-440", "ActualAmount should exist maximum once");

    public static readonly Rule CiiSr441 = new("CII-SR-441", "ChargeAmount should exist maximum once");

    public static readonly Rule CiiSr455 = new("CII-SR-455", "DefinedTradeContact of SellerTradeParty shall exist maximum once");

    public static readonly Rule CiiSr456 = new("CII-SR-456", "DefinedTradeContact of BuyerTradeParty shall exist maximum once");

    public static readonly Rule CiiSr459 = new("CII-SR-459", "SellerTradeParty URIUniversalCommunication should exist maximum once");

    public static readonly Rule CiiSr460 = new("CII-SR-460", "BuyerTradeParty URIUniversalCommunication should exist maximum once");

    public static readonly Rule CiiSr461 = new("CII-SR-461", "Only one TaxPointDate shall be present");

    public static readonly Rule CiiSr462 = new("CII-SR-462", "Only one DueDateTypeCode shall be present");

    public static readonly Rule CiiSr463 = new("CII-SR-463", "Each Specified Trade Allowance Charge (BG-20)(BG-21) shall contain a Charge Indicator.");

    public static readonly Rule CiiSr467 = new("CII-SR-467", "All Payment means type codes (BT-81) shall have the same value across all SpecifiedTradeSettlementPaymentMeans.");

    public static readonly Rule CiiSr468 = new("CII-SR-468", "All Payment means texts (BT-82) shall have the same value across all SpecifiedTradeSettlementPaymentMeans.");

    public static readonly Rule CiiSr469 = new("CII-SR-469", "Payment reference (BT-83) shall occur at most once in the document.");

    public static readonly Rule CiiSr470 = new("CII-SR-470", "Either the IBAN or a Proprietary ID (BT-84) shall be used.");

    public static readonly Rule CiiSr471 = new("CII-SR-471", "Each Specified Trade Allowance Charge (BG-20)(BG-21) shall contain a VAT category code (BT-95).");

    public static readonly Rule CiiSr472 = new("CII-SR-472", "Each Specified Trade Allowance Charge (BG-20)(BG-21) should contain a VAT rate (BT-96).");

    public static readonly Rule CiiSr473 = new("CII-SR-473", "ActualAmount should exist maximum once");

    public static readonly Rule CiiSr477 = new("CII-SR-477", "LineTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr478 = new("CII-SR-478", "ChargeTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr479 = new("CII-SR-479", "AllowanceTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr480 = new("CII-SR-480", "TaxBasisTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr481 = new("CII-SR-481", "RoundingAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr482 = new("CII-SR-482", "GrandTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr483 = new("CII-SR-483", "InformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr484 = new("CII-SR-484", "TotalPrepaidAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr485 = new("CII-SR-485", "TotalDiscountAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr486 = new("CII-SR-486", "TotalAllowanceChargeAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr487 = new("CII-SR-487", "DuePayableAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr488 = new("CII-SR-488", "RetailValueExcludingTaxInformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr489 = new("CII-SR-489", "TotalDepositFeeInformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr490 = new("CII-SR-490", "ProductValueExcludingTobaccoTaxInformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr491 = new("CII-SR-491", "TotalRetailValueInformationAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr492 = new("CII-SR-492", "GrossLineTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr493 = new("CII-SR-493", "NetLineTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule CiiSr494 = new("CII-SR-494", "NetIncludingTaxesLineTotalAmount shall occur at most once in SpecifiedTradeSettlementHeaderMonetarySummation.");

    public static readonly Rule UblCr666 = new("UBL-CR-666", "A UBL invoice shall not include an AdditionalDocumentReference simultaneously referring an Invoice Object Identifier and an Attachment");

    public static readonly Rule UblCr673 = new("UBL-CR-673", "A UBL invoice shall not include an AdditionalDocumentReference simultaneously referring an Invoice Object Identifier and an Document Description");

    public static readonly Rule UblDt01 = new("UBL-DT-01", "Amounts shall be decimal up to two fraction digits");

    public static readonly Rule UblDt06 = new("UBL-DT-06", "Binary object elements shall contain the mime code attribute");

    public static readonly Rule UblDt07 = new("UBL-DT-07", "Binary object elements shall contain the file name attribute");

    public static readonly Rule UblSr01 = new("UBL-SR-01", "Contract identifier shall occur maximum once.");

    public static readonly Rule UblSr02 = new("UBL-SR-02", "Receive advice identifier shall occur maximum once");

    public static readonly Rule UblSr03 = new("UBL-SR-03", "Despatch advice identifier shall occur maximum once");

    public static readonly Rule UblSr04 = new("UBL-SR-04", "Invoice object identifier shall occur maximum once");

    public static readonly Rule UblSr05 = new("UBL-SR-05", "Payment terms shall occur maximum once");

    public static readonly Rule UblSr06 = new("UBL-SR-06", "Preceding invoice reference shall occur maximum once");

    public static readonly Rule UblSr07 = new("UBL-SR-07", "If there is a preceding invoice reference, the preceding invoice number shall be present");

    public static readonly Rule UblSr08 = new("UBL-SR-08", "Invoice period shall occur maximum once");

    public static readonly Rule UblSr09 = new("UBL-SR-09", "Seller name shall occur maximum once");

    public static readonly Rule UblSr10 = new("UBL-SR-10", "Seller trader name shall occur maximum once");

    public static readonly Rule UblSr11 = new("UBL-SR-11", "Seller legal registration identifier shall occur maximum once");

    public static readonly Rule UblSr12 = new("UBL-SR-12", "Seller VAT identifier shall occur maximum once");

    public static readonly Rule UblSr13 = new("UBL-SR-13", "Seller tax registration shall occur maximum once");

    public static readonly Rule UblSr14 = new("UBL-SR-14", "Seller additional legal information shall occur maximum once");

    public static readonly Rule UblSr15 = new("UBL-SR-15", "Buyer name shall occur maximum once");

    public static readonly Rule UblSr16 = new("UBL-SR-16", "Buyer identifier shall occur maximum once");

    public static readonly Rule UblSr17 = new("UBL-SR-17", "Buyer legal registration identifier shall occur maximum once");

    public static readonly Rule UblSr18 = new("UBL-SR-18", "Buyer VAT identifier shall occur maximum once");

    public static readonly Rule UblSr19 = new("UBL-SR-19", "Payee name shall occur maximum once, if the Payee is different from the Seller");

    public static readonly Rule UblSr20 = new("UBL-SR-20", "Payee identifier shall occur maximum once, if the Payee is different from the Seller");

    public static readonly Rule UblSr21 = new("UBL-SR-21", "Payee legal registration identifier shall occur maximum once, if the Payee is different from the Seller");

    public static readonly Rule UblSr22 = new("UBL-SR-22", "Seller tax representative name shall occur maximum once, if the Seller has a tax representative");

    public static readonly Rule UblSr23 = new("UBL-SR-23", "Seller tax representative VAT identifier shall occur maximum once, if the Seller has a tax representative");

    public static readonly Rule UblSr24 = new("UBL-SR-24", "Deliver to information shall occur maximum once");

    public static readonly Rule UblSr25 = new("UBL-SR-25", "Deliver to party name shall occur maximum once");

    public static readonly Rule UblSr26 = new("UBL-SR-26", "Payment reference shall occur maximum once");

    public static readonly Rule UblSr27 = new("UBL-SR-27", "Payment means text shall occur maximum once");

    public static readonly Rule UblSr28 = new("UBL-SR-28", "Mandate reference identifier shall occur maximum once");

    public static readonly Rule UblSr29 = new("UBL-SR-29", "Bank creditor reference shall occur maximum once");

    public static readonly Rule UblSr30 = new("UBL-SR-30", "Document level allowance reason shall occur maximum once");

    public static readonly Rule UblSr31 = new("UBL-SR-31", "Document level charge reason shall occur maximum once");

    public static readonly Rule UblSr32 = new("UBL-SR-32", "VAT exemption reason text shall occur maximum once");

    public static readonly Rule UblSr33 = new("UBL-SR-33", "Supporting document description shall occur maximum once");

    public static readonly Rule UblSr34 = new("UBL-SR-34", "Invoice line note shall occur maximum once");

    public static readonly Rule UblSr35 = new("UBL-SR-35", "Referenced purchase order line identifier shall occur maximum once");

    public static readonly Rule UblSr36 = new("UBL-SR-36", "Invoice line period shall occur maximum once");

    public static readonly Rule UblSr37 = new("UBL-SR-37", "Item price discount shall occur maximum once");

    public static readonly Rule UblSr39 = new("UBL-SR-39", "Project reference shall occur maximum once.");

    public static readonly Rule UblSr40 = new("UBL-SR-40", "Buyer trade name shall occur maximum once");

    public static readonly Rule UblSr42 = new("UBL-SR-42", "Party tax scheme shall occur maximum twice in accounting supplier party");

    public static readonly Rule UblSr43 = new("UBL-SR-43", "Scheme identifier shall only be used for invoiced object (document type code with value 130 or 50)");

    public static readonly Rule UblSr44 = new("UBL-SR-44", "An Invoice may only have one unique PaymentID, but the PaymentID may be used for multiple PaymentMeans");

    public static readonly Rule UblSr45 = new("UBL-SR-45", "Due Date shall occur maximum once");

    public static readonly Rule UblSr46 = new("UBL-SR-46", "Payment means text shall occur maximum once");

    public static readonly Rule UblSr47 = new("UBL-SR-47", "When there are more than one payment means code, they shall be equal");

    public static readonly Rule UblSr48 = new("UBL-SR-48", "Invoice lines shall have one and only one classified tax category.");

    public static readonly Rule UblSr49 = new("UBL-SR-49", "Value tax point date shall occur maximum once");

    public static readonly Rule UblSr50 = new("UBL-SR-50", "Item description shall occur maximum once");

    public static readonly Rule UblSr51 = new("UBL-SR-51", "An address can only have one third line.");

    public static readonly Rule UblSr52 = new("UBL-SR-52", "Document reference shall occur maximum once");

    public static readonly Rule UblSr53 = new("UBL-SR-53", "CompanyID (VAT Identifier) must be stated when providing the PartyTaxScheme/TaxScheme/ID.");

    public static readonly Rule UblSr54 = new("UBL-SR-54", "An Invoice shall contain maximum one Payment Card account (BG-18).");

    public static readonly Rule UblSr55 = new("UBL-SR-55", "An Invoice shall contain maximum one Payment Mandate (BG-19).");

    public static readonly Rule UblSr56 = new("UBL-SR-56", "An Invoice shall contain maximum one Originator document reference identifier (BT-17).");
}
