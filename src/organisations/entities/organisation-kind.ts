export enum OrganisationKind {
  Host = 'host',
  PartnerNgo = 'partner_ngo',
  PublicBody = 'public_body',
}
