"""Calendar feeds: ICS for every lobby, a campaign, a country or a city, cached per change."""
