import { Field, InputType, ObjectType } from '@nestjs/graphql';

@ObjectType('BrandBranding', { description: "A brand's white-label: shown on its report, share page, PDF and email" })
export class BrandBrandingDto {
  @Field({ description: 'The name the client sees instead of the brand id/name' }) displayName!: string;
  @Field({ description: 'Who prepared the report ("prepared by …"); empty for none' }) agencyName!: string;
  @Field({ description: 'Accent colour, #rrggbb' }) accentColor!: string;
  @Field(() => String, {
    nullable: true,
    description: 'GET this path for the logo (PNG or sanitised SVG); it changes when the logo does',
  })
  logoUrl!: string | null;
}

@InputType('BrandBrandingInput')
export class BrandBrandingInput {
  @Field({ description: '1–80 characters' }) displayName!: string;
  @Field({ nullable: true, description: 'At most 80 characters; empty or absent for none' }) agencyName?: string;
  @Field({ description: '#rrggbb (or #rgb)' }) accentColor!: string;
  @Field({
    nullable: true,
    description:
      'A PNG or SVG file of at most 200 KB as a base64 data URL; absent keeps the current logo. SVG is sanitised.',
  })
  logo?: string;
  @Field({ nullable: true, description: 'true removes the current logo' }) removeLogo?: boolean;
}
